package dev.switchboard.learning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The learning loop's settings ({@code switchboard.learning.*}).
 *
 * @param schedule            when to retrain, a cron expression (second minute hour day month weekday); "-" for never
 * @param gateMargin          a candidate may be this much below the current model's macro-F1 and still go into service
 * @param canaryPercents      the canary's stages, as shares of tickets
 * @param canaryDurations     how long each stage lasts
 * @param rollbackPoints      a canary misrouting this many percentage points more than the current model is rolled back
 * @param minTickets          tickets each model must have decided before a canary is judged
 * @param driftThreshold      the share of low-confidence predictions above which the tickets have drifted
 * @param driftWindow         the rolling window drift is judged over
 * @param driftMinPredictions predictions in the window before drift is judged
 * @param driftCoolDown       at most one drift retrain per this time
 * @param heldOutFraction     the newest share of resolved tickets kept out of training to evaluate on
 * @param maxTrainingTickets  the most resolved tickets one training reads (the newest)
 * @param minTrainingTickets  fewer resolved tickets than this: no training
 * @param modelDir            where model versions are kept (a folder every node can read in a scale-out deployment);
 *                            {@code ${switchboard.data-dir}/models} by default (application.yml)
 * @param importFile          labeled tickets trained on besides the resolved ones (CSV with {@code importTextColumns}
 *                            and {@code importLabelColumn}); empty for none
 * @param tickInterval        how often the loop looks at the schedule, the canary and drift
 */
@ConfigurationProperties("switchboard.learning")
public record LearningProperties(
        @DefaultValue("0 0 3 * * *") String schedule,
        @DefaultValue("0.01") double gateMargin,
        @DefaultValue({"5", "25", "100"}) List<Integer> canaryPercents,
        @DefaultValue({"1h", "4h", "24h"}) List<Duration> canaryDurations,
        @DefaultValue("2") double rollbackPoints,
        @DefaultValue("200") long minTickets,
        @DefaultValue("0.25") double driftThreshold,
        @DefaultValue("24h") Duration driftWindow,
        @DefaultValue("200") long driftMinPredictions,
        @DefaultValue("24h") Duration driftCoolDown,
        @DefaultValue("0.2") double heldOutFraction,
        @DefaultValue("200000") int maxTrainingTickets,
        @DefaultValue("200") int minTrainingTickets,
        Path modelDir,
        @DefaultValue("") String importFile,
        @DefaultValue("text") List<String> importTextColumns,
        @DefaultValue("category") String importLabelColumn,
        @DefaultValue("1m") Duration tickInterval) {

    public CanaryPolicy canary() {
        return new CanaryPolicy(canaryPercents, canaryDurations, rollbackPoints, minTickets);
    }

    public DriftWatch drift() {
        return new DriftWatch(driftThreshold, driftWindow, driftMinPredictions, driftCoolDown);
    }

    public EvaluationGate gate() {
        return new EvaluationGate(gateMargin);
    }
}
