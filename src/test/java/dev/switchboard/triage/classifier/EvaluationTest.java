package dev.switchboard.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.triage.Prediction;

class EvaluationTest {

    private static Prediction said(String label, double confidence) {
        return new Prediction(label, confidence, "v1");
    }

    @Test
    void theFiguresOfASmallCaseWorkedByHand() {
        List<LabeledText> truth = List.of(
                new LabeledText("a", "billing"), new LabeledText("b", "billing"),
                new LabeledText("c", "bug"), new LabeledText("d", "bug"));
        List<Prediction> predictions = List.of(
                said("billing", 0.9), said("bug", 0.6), said("bug", 0.8), said("bug", 0.95));

        Evaluation.Report report = Evaluation.of(truth, predictions, 0.72);
        Evaluation.Figures f = report.figures();

        assertThat(f.accuracy()).isEqualTo(0.75);
        // billing: precision 1, recall 0.5, F1 2/3; bug: precision 2/3, recall 1, F1 0.8
        assertThat(f.macroF1()).isCloseTo((2.0 / 3 + 0.8) / 2, within(1e-12));
        assertThat(f.coverageAtThreshold()).isEqualTo(0.75);
        assertThat(f.accuracyAtThreshold()).isEqualTo(1.0);
        // bins: 0.6 (wrong) |0.6-0|, 0.8 (right) |1-0.8|, 0.9 (right) |1-0.9|, 0.95 (right) |1-0.95|, each a quarter
        assertThat(f.ece()).isCloseTo((0.6 + 0.2 + 0.1 + 0.05) / 4, within(1e-12));
        assertThat(report.confusion()).isEqualTo(new int[][] {{1, 1}, {0, 2}});
    }

    @Test
    void nothingAboveTheThresholdIsZeroCoverageNotAnError() {
        Evaluation.Figures f = Evaluation.of(List.of(new LabeledText("a", "x")), List.of(said("x", 0.5)), 0.72).figures();

        assertThat(f.coverageAtThreshold()).isZero();
        assertThat(f.accuracyAtThreshold()).isZero();
    }
}
