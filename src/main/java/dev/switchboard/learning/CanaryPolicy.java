package dev.switchboard.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a candidate is rolled out: stage by stage (5 %, then 25 %, then 100 % by default), each for its
 * duration; it is rolled back as soon as its live misroute rate exceeds the current model's by more than
 * {@code rollbackPoints} percentage points, once both have decided at least {@code minTickets} tickets
 * (fewer cannot tell a worse model from bad luck). After the last stage it becomes the current model.
 *
 * @param percents  the share of tickets at each stage, rising, the last 100
 * @param durations how long each stage lasts
 */
public record CanaryPolicy(List<Integer> percents, List<Duration> durations, double rollbackPoints, long minTickets) {

    public CanaryPolicy {
        percents = List.copyOf(percents);
        durations = List.copyOf(durations);
        if (percents.isEmpty() || percents.size() != durations.size()) {
            throw new IllegalArgumentException("a canary needs as many stage durations as stages: " + percents + " / " + durations);
        }
        for (int i = 0; i < percents.size(); i++) {
            if (percents.get(i) < 1 || percents.get(i) > 100 || (i > 0 && percents.get(i) <= percents.get(i - 1))) {
                throw new IllegalArgumentException("canary stages must rise within 1..100: " + percents);
            }
        }
        if (percents.getLast() != 100) {
            throw new IllegalArgumentException("the last canary stage must be 100 %: " + percents);
        }
        if (rollbackPoints < 0 || minTickets < 1) {
            throw new IllegalArgumentException("rollback points must be >= 0 and min tickets >= 1");
        }
    }

    /** What to do with a canary now. */
    public sealed interface Decision {
        record Hold() implements Decision {
        }

        record Advance(int stage, int percent) implements Decision {
        }

        record Promote() implements Decision {
        }

        record RollBack(String why) implements Decision {
        }
    }

    /**
     * @param candidate the candidate's live figures since its rollout began
     * @param current   the current model's over the same time
     */
    public Decision decide(int stage, Instant stageStartedAt, Instant now, LiveFigures candidate, LiveFigures current) {
        Objects.requireNonNull(stageStartedAt, "stageStartedAt");
        if (candidate.decided() >= minTickets && current.decided() >= minTickets) {
            double excess = 100 * (candidate.misrouteRate() - current.misrouteRate());
            if (excess > rollbackPoints) {
                return new Decision.RollBack(String.format(java.util.Locale.ROOT,
                        "misrouted %.2f %% of %d tickets against the current model's %.2f %% of %d: %.2f points worse (limit %.2f)",
                        100 * candidate.misrouteRate(), candidate.decided(), 100 * current.misrouteRate(), current.decided(),
                        excess, rollbackPoints));
            }
        }
        if (now.isBefore(stageStartedAt.plus(durations.get(stage)))) {
            return new Decision.Hold();
        }
        return stage + 1 < percents.size() ? new Decision.Advance(stage + 1, percents.get(stage + 1)) : new Decision.Promote();
    }
}
