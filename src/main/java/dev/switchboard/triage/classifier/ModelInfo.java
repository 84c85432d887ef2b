package dev.switchboard.triage.classifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a saved model says about itself.
 *
 * @param version     the training time as {@code yyyyMMdd'T'HHmmss'Z'}; recorded with every decision
 * @param labels      the categories, in the model's order
 * @param temperature the fitted calibration temperature
 * @param training    what it was trained on
 * @param evaluation  its figures on held-out data, when there was any
 */
public record ModelInfo(String version, Instant trainedAt, List<String> labels, TextFeatures.Kind features,
                        double c, double temperature, TrainingSummary training,
                        Optional<Evaluation.Figures> evaluation) {

    public ModelInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trainedAt, "trainedAt");
        labels = List.copyOf(labels);
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(evaluation, "evaluation");
    }

    public ModelInfo withEvaluation(Evaluation.Figures figures) {
        return new ModelInfo(version, trainedAt, labels, features, c, temperature, training, Optional.of(figures));
    }

    /** @param source where the examples came from (a file name, or {@code database}) */
    public record TrainingSummary(String source, int examples, int calibrationExamples, int featureCount,
                                  long trainingMillis) {
    }
}
