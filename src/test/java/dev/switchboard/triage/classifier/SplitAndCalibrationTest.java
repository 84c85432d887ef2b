package dev.switchboard.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SplitAndCalibrationTest {

    @Test
    void aStratifiedSplitHoldsOutTheSameShareOfEachLabelAndIsRepeatable() {
        List<LabeledText> examples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            examples.add(new LabeledText("a" + i, "common"));
        }
        for (int i = 0; i < 10; i++) {
            examples.add(new LabeledText("b" + i, "rare"));
        }
        examples.add(new LabeledText("c", "single"));

        Split<LabeledText> split = Split.stratified(examples, 0.2, 13);

        assertThat(split.heldOut().stream().filter(e -> e.label().equals("common"))).hasSize(20);
        assertThat(split.heldOut().stream().filter(e -> e.label().equals("rare"))).hasSize(2);
        assertThat(split.train()).extracting(LabeledText::text).contains("c");
        assertThat(split.train().size() + split.heldOut().size()).isEqualTo(examples.size());
        assertThat(Split.stratified(examples, 0.2, 13)).isEqualTo(split);
        assertThat(Split.stratified(examples, 0.2, 14)).isNotEqualTo(split);
    }

    @Test
    void softmaxIsADistributionEvenForLargeScores() {
        double[] p = Calibration.softmax(new double[] {1000, 999, -1000}, 1.0);

        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
        assertThat(p[0]).isGreaterThan(p[1]);
        assertThat(p[2]).isZero();
    }

    @Test
    void theFittedTemperatureRecoversHowSharpTheScoresReallyAre() {
        // Scores drawn so that softmax(3 * d) is the true distribution: the fit should find T near 3.
        Random random = new Random(1);
        List<Calibration.Scored> held = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] truth = Calibration.softmax(d, 3.0);
            double u = random.nextDouble();
            int label = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
            held.add(new Calibration.Scored(d, label));
        }

        double t = Calibration.fitTemperature(held);

        assertThat(t).isCloseTo(3.0, within(0.2));
        assertThat(Calibration.negativeLogLikelihood(held, t)).isLessThan(Calibration.negativeLogLikelihood(held, 1.0));
    }
}
