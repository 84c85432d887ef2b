package dev.switchboard.triage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.ticket.TicketId;

/**
 * The models that answer triage, and their health.
 *
 * <p>Serving: the current model answers every ticket, except a stable share that a candidate answers
 * while it is rolled out as a canary. Which model answers a ticket depends only on its id (a hash into
 * 100 buckets), so a ticket is always decided by the same model, on every node.
 *
 * <p>Health: a call that throws, or takes longer than {@code timeout}, marks the classifier unhealthy
 * for {@code coolDown}: meanwhile triage uses the fallback rules without calling it. After the
 * cool-down the next call tries it again (a circuit breaker's half-open state); one good answer makes
 * it healthy again. With no model at all (none trained yet) triage is rules-only.
 */
public final class GuardedClassifier {

    private static final Logger log = LoggerFactory.getLogger(GuardedClassifier.class);

    /** What the guard says now. */
    public enum Health { HEALTHY, UNHEALTHY, ABSENT }

    /**
     * The models in service.
     *
     * @param candidatePercent the share of tickets (0 to 100, by bucket) the candidate answers
     */
    public record Serving(Optional<TextClassifier> current, Optional<TextClassifier> candidate, int candidatePercent) {
        public Serving {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(candidate, "candidate");
            if (candidatePercent < 0 || candidatePercent > 100) {
                throw new IllegalArgumentException("candidatePercent must be 0 to 100: " + candidatePercent);
            }
        }

        public static Serving only(Optional<TextClassifier> model) {
            return new Serving(model, Optional.empty(), 0);
        }

        /** The model that answers a ticket in this bucket. */
        Optional<TextClassifier> forBucket(int bucket) {
            return candidate.isPresent() && bucket < candidatePercent ? candidate : current;
        }
    }

    private volatile Serving serving;
    private final Duration timeout;
    private final Duration coolDown;
    private final Clock clock;
    private volatile Instant unhealthyUntil = Instant.MIN;
    private volatile String lastFailure = "";

    public GuardedClassifier(Optional<TextClassifier> model, Duration timeout, Duration coolDown, Clock clock) {
        this.serving = Serving.only(model);
        this.timeout = timeout;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Puts models in service: from the next ticket on. */
    public void serve(Serving next) {
        this.serving = Objects.requireNonNull(next, "serving");
    }

    public Serving serving() {
        return serving;
    }

    /** A ticket's bucket, 0 to 99: a CRC-32 of its id, the same on every node and after every restart. */
    public static int bucket(TicketId id) {
        CRC32 crc = new CRC32();
        crc.update(id.value().getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % 100);
    }

    /**
     * The prediction of the model that serves this ticket, or empty when there is no model, it is
     * cooling down, or it failed now.
     */
    public Optional<Prediction> classify(TicketId ticket, String text) {
        Optional<TextClassifier> model = serving.forBucket(bucket(ticket));
        if (model.isEmpty() || clock.instant().isBefore(unhealthyUntil)) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try {
            Prediction prediction = model.get().classify(text);
            long tookNanos = System.nanoTime() - started;
            if (tookNanos > timeout.toNanos()) {
                markUnhealthy("took " + tookNanos / 1_000_000 + " ms, over the " + timeout.toMillis() + " ms limit");
                return Optional.empty();
            }
            unhealthyUntil = Instant.MIN;
            return Optional.of(prediction);
        } catch (RuntimeException failure) {
            markUnhealthy(failure.toString());
            log.warn("classifier failed; triage falls back to rules for {}", coolDown, failure);
            return Optional.empty();
        }
    }

    public Health health() {
        if (serving.current().isEmpty() && serving.candidate().isEmpty()) {
            return Health.ABSENT;
        }
        return clock.instant().isBefore(unhealthyUntil) ? Health.UNHEALTHY : Health.HEALTHY;
    }

    /** The current model's figures on held-out data, as it was saved with them. */
    public Optional<dev.switchboard.triage.classifier.Evaluation.Figures> evaluation() {
        return serving.current().flatMap(TextClassifier::evaluation);
    }

    /** The current model's version. */
    public Optional<String> version() {
        return serving.current().map(TextClassifier::version);
    }

    public String lastFailure() {
        return lastFailure;
    }

    private void markUnhealthy(String why) {
        lastFailure = why;
        unhealthyUntil = clock.instant().plus(coolDown);
    }
}
