package dev.switchboard.triage;

import java.util.Objects;

/**
 * A classifier's answer.
 *
 * @param confidence the calibrated probability of {@code label}, in [0, 1]
 */
public record Prediction(String label, double confidence, String modelVersion) {

    public Prediction {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], not " + confidence);
        }
    }

    /** Below the threshold a person should look: the ticket needs human review. */
    public boolean isConfident(double threshold) {
        return confidence >= threshold;
    }
}
