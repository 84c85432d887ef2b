package dev.switchboard.learning;

import java.util.List;

import dev.switchboard.triage.classifier.LabeledText;

/** What a model learns from: resolved tickets with the category they ended with (a corrected one with the correction). */
public interface TrainingData {

    /** At most {@code limit} resolved or closed tickets, newest first. */
    List<LabeledText> resolved(int limit);
}
