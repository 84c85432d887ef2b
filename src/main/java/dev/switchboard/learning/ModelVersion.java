package dev.switchboard.learning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A model version trained here, with its figures and where its rollout stands.
 *
 * @param sharePercent     the share of tickets it serves now (0 to 100)
 * @param stage            for a canary, the index of its rollout stage
 * @param stageStartedAt   when its present stage (or its service as current) began
 * @param macroF1          on the held-out recent tickets it was evaluated on
 * @param baselineMacroF1  the current model's macro-F1 on the same tickets when the candidate was gated; empty when there was none
 * @param trigger          why it was trained: schedule, manual, drift, or imported (a model file taken up at start)
 */
public record ModelVersion(String version, ModelStatus status, int sharePercent, int stage, Optional<Instant> stageStartedAt,
                           int trainingExamples, int heldOutExamples, double macroF1, double accuracy,
                           Optional<Double> baselineMacroF1, String trigger, Instant createdAt, Instant updatedAt) {

    public ModelVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stageStartedAt, "stageStartedAt");
        Objects.requireNonNull(baselineMacroF1, "baselineMacroF1");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** This version moved to another status, serving {@code share} percent from {@code at}. */
    public ModelVersion moved(ModelStatus to, int share, int newStage, Instant at) {
        return new ModelVersion(version, to, share, newStage, Optional.of(at), trainingExamples, heldOutExamples, macroF1,
                accuracy, baselineMacroF1, trigger, createdAt, at);
    }
}
