package dev.switchboard.triage.classifier;

import java.util.Objects;

/** A training or evaluation example: a ticket's text and the category a person gave it. */
public record LabeledText(String text, String label) {

    public LabeledText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
    }
}
