package dev.switchboard.triage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import dev.switchboard.triage.classifier.ClassifierTrainer;
import dev.switchboard.triage.classifier.LabeledTexts;

/**
 * Reads the tone of a ticket with a classifier trained on labeled phrasings ({@code triage/tone.csv},
 * made by {@code scripts/tone-data.py}). Only a clear signal counts: below {@code clearly} the tone is
 * neutral, so an ordinary ticket keeps the priority of its category.
 */
public final class ToneDetector {

    private final TextClassifier model;
    private final double clearly;

    public ToneDetector(TextClassifier model, double clearly) {
        this.model = model;
        this.clearly = clearly;
    }

    /** The detector trained on the bundled phrasings; 450 examples train in well under a second. */
    public static ToneDetector bundled(Clock clock, double clearly) {
        try (Reader csv = new InputStreamReader(ToneDetector.class.getResourceAsStream("/triage/tone.csv"),
                StandardCharsets.UTF_8)) {
            var examples = LabeledTexts.read(csv, "tone.csv", List.of("text"), "tone").examples();
            return new ToneDetector(new ClassifierTrainer(clock).train(examples, "tone.csv",
                    ClassifierTrainer.Options.defaults(), line -> { }), clearly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled tone data", e);
        }
    }

    public Tone toneOf(String text) {
        Prediction prediction = model.classify(text);
        if (!prediction.isConfident(clearly)) {
            return Tone.NEUTRAL;
        }
        return Tone.valueOf(prediction.label().toUpperCase(Locale.ROOT));
    }
}
