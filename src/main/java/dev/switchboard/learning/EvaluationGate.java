package dev.switchboard.learning;

import java.util.Optional;

/**
 * A candidate goes into service only when it is not worse than the current model, on the same held-out
 * recent tickets, by more than {@code margin} of macro-F1 (every category counts the same, so a model
 * cannot pass by doing well on the common ones only).
 */
public record EvaluationGate(double margin) {

    public EvaluationGate {
        if (margin < 0 || margin > 1) {
            throw new IllegalArgumentException("the gate's margin is a macro-F1 difference from 0 to 1: " + margin);
        }
    }

    /** Why the candidate is refused, or empty when it passes. */
    public Optional<String> refusal(double candidateMacroF1, Optional<Double> currentMacroF1) {
        if (currentMacroF1.isEmpty() || candidateMacroF1 >= currentMacroF1.get() - margin) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "macro-F1 %.4f is below the current model's %.4f by more than %.4f",
                candidateMacroF1, currentMacroF1.get(), margin));
    }
}
