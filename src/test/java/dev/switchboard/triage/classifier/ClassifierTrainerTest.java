package dev.switchboard.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.support.SyntheticTickets;
import dev.switchboard.triage.Prediction;

class ClassifierTrainerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private static Split<LabeledText> data;
    private static LinearTextClassifier model;

    @BeforeAll
    static void train() {
        data = Split.stratified(SyntheticTickets.generate(160, 7), 0.25, 13);
        model = new ClassifierTrainer(CLOCK).train(data.train(), "synthetic", ClassifierTrainer.Options.defaults(), line -> { });
    }

    @Test
    void itLearnsTheCategoriesOfTextsItNeverSaw() {
        Evaluation.Report report = Evaluation.of(model::classify, data.heldOut(), 0.72);

        // One text in eight is noise (a fifth of those right by chance): about 0.9 is the ceiling.
        assertThat(report.figures().accuracy()).isGreaterThan(0.85);
        assertThat(report.figures().accuracyAtThreshold()).isGreaterThan(0.97);
        assertThat(report.figures().ece()).isLessThan(0.08);
    }

    @Test
    void probabilitiesAreADistributionWhoseTopIsThePrediction() {
        double[] p = model.probabilities("hello my card was charged twice please refund my payment");

        assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
        Prediction prediction = model.classify("hello my card was charged twice please refund my payment");
        assertThat(prediction.label()).isEqualTo("billing");
        assertThat(prediction.confidence()).isEqualTo(Arrays.stream(p).max().orElseThrow());
        assertThat(prediction.modelVersion()).isEqualTo("20261123T080000Z");
    }

    @Test
    void aClearTextIsMoreConfidentThanAVagueOne() {
        double clear = model.classify("the site is down and servers not responding, error 503 everywhere").confidence();
        double vague = model.classify("hello team thanks regards").confidence();

        assertThat(clear).isGreaterThan(0.72);
        assertThat(vague).isLessThan(0.72);
    }

    @Test
    void theModelRecordsHowItWasMade() {
        ModelInfo info = model.info();

        assertThat(info.labels()).containsExactly("billing", "bug", "feature_request", "general_inquiry", "outage");
        assertThat(info.trainedAt()).isEqualTo(CLOCK.instant());
        assertThat(info.temperature()).isPositive();
        assertThat(info.training().examples()).isEqualTo(data.train().size());
        assertThat(info.training().calibrationExamples()).isPositive();
        assertThat(info.training().source()).isEqualTo("synthetic");
    }

    @Test
    void aSavedModelLoadsAndAnswersTheSame(@TempDir Path folder) {
        Evaluation.Figures figures = Evaluation.of(model::classify, data.heldOut(), 0.72).figures();
        Path file = folder.resolve("model.zip");

        ModelFiles.save(model.withEvaluation(figures), file);
        LinearTextClassifier loaded = ModelFiles.load(file);

        assertThat(loaded.info()).isEqualTo(model.info().withEvaluation(figures));
        for (LabeledText example : data.heldOut()) {
            assertThat(loaded.probabilities(example.text())).containsExactly(model.probabilities(example.text()), within(1e-12));
        }
    }

    @Test
    void twoLabelsAreEnough() {
        List<LabeledText> two = new ArrayList<>(data.train().stream()
                .filter(e -> e.label().equals("billing") || e.label().equals("outage")).toList());

        LinearTextClassifier binary = new ClassifierTrainer(CLOCK).train(two, "two", ClassifierTrainer.Options.defaults(), l -> { });

        assertThat(binary.classify("please refund my payment").label()).isEqualTo("billing");
        assertThat(binary.classify("the site is down").label()).isEqualTo("outage");
    }
}
