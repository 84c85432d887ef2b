package dev.switchboard.triage;

import java.util.List;
import java.util.Optional;

/**
 * Says what a ticket's text is about. Implementations are thread-safe and fast enough to sit on the
 * hot path (the default TF-IDF model classifies well over 100,000 texts a second on one core).
 */
public interface TextClassifier {

    /** The most likely category with its calibrated probability. */
    Prediction classify(String text);

    /** The model's version, recorded with every decision it makes. */
    String version();

    /** The categories it can answer, in a stable order. */
    List<String> labels();

    /** The model's figures on held-out data, when it was evaluated before it was saved. */
    default Optional<dev.switchboard.triage.classifier.Evaluation.Figures> evaluation() {
        return Optional.empty();
    }
}
