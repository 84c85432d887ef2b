package dev.switchboard.learning;

import java.util.List;
import java.util.function.Consumer;

import dev.switchboard.triage.TextClassifier;
import dev.switchboard.triage.classifier.LabeledText;

/** Trains a candidate model on labeled texts, saying how far it got. */
@FunctionalInterface
public interface Trainer {

    TextClassifier train(List<LabeledText> examples, Consumer<String> progress);
}
