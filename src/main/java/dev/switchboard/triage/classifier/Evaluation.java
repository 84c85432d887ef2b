package dev.switchboard.triage.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.switchboard.triage.Prediction;

/**
 * How good a classifier is on labeled examples it did not train on: accuracy, macro-F1, how many
 * tickets it is confident about at the threshold and how often those are right, and how well its
 * confidence matches its accuracy (expected calibration error over 15 equal-width bins).
 */
public final class Evaluation {

    static final int CALIBRATION_BINS = 15;

    private Evaluation() {
    }

    /** The headline figures. */
    public record Figures(int examples, double accuracy, double macroF1, double threshold, double coverageAtThreshold,
                          double accuracyAtThreshold, double ece) {
    }

    public record ClassFigures(String label, int support, double precision, double recall, double f1) {
    }

    /** @param confusion rows are true labels, columns predicted labels, both in the order of {@code labels} */
    public record Report(Figures figures, List<ClassFigures> perClass, List<String> labels, int[][] confusion) {
    }

    public static Report of(Function<String, Prediction> classifier, List<LabeledText> examples, double threshold) {
        List<Prediction> predictions = examples.stream().map(e -> classifier.apply(e.text())).toList();
        return of(examples, predictions, threshold);
    }

    static Report of(List<LabeledText> examples, List<Prediction> predictions, double threshold) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        TreeSet<String> labelSet = new TreeSet<>();
        examples.forEach(e -> labelSet.add(e.label()));
        predictions.forEach(p -> labelSet.add(p.label()));
        List<String> labels = List.copyOf(labelSet);
        Map<String, Integer> index = IntStream.range(0, labels.size()).boxed()
                .collect(Collectors.toMap(labels::get, i -> i));
        int[][] confusion = new int[labels.size()][labels.size()];
        int correct = 0;
        int confident = 0;
        int confidentCorrect = 0;
        double[] binConfidence = new double[CALIBRATION_BINS];
        int[] binCorrect = new int[CALIBRATION_BINS];
        int[] binCount = new int[CALIBRATION_BINS];
        for (int i = 0; i < examples.size(); i++) {
            Prediction p = predictions.get(i);
            boolean right = p.label().equals(examples.get(i).label());
            confusion[index.get(examples.get(i).label())][index.get(p.label())]++;
            correct += right ? 1 : 0;
            if (p.isConfident(threshold)) {
                confident++;
                confidentCorrect += right ? 1 : 0;
            }
            int bin = Math.min((int) (p.confidence() * CALIBRATION_BINS), CALIBRATION_BINS - 1);
            binConfidence[bin] += p.confidence();
            binCorrect[bin] += right ? 1 : 0;
            binCount[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (binCount[b] > 0) {
                ece += (double) binCount[b] / examples.size()
                        * Math.abs((double) binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]);
            }
        }
        List<ClassFigures> perClass = perClass(labels, confusion);
        double macroF1 = perClass.stream().filter(c -> c.support() > 0).mapToDouble(ClassFigures::f1).average().orElse(0);
        int n = examples.size();
        Figures figures = new Figures(n, (double) correct / n, macroF1, threshold, (double) confident / n,
                confident == 0 ? 0 : (double) confidentCorrect / confident, ece);
        return new Report(figures, perClass, labels, confusion);
    }

    private static List<ClassFigures> perClass(List<String> labels, int[][] confusion) {
        List<ClassFigures> out = new ArrayList<>(labels.size());
        for (int k = 0; k < labels.size(); k++) {
            int truePositives = confusion[k][k];
            int support = IntStream.of(confusion[k]).sum();
            int predicted = 0;
            for (int[] row : confusion) {
                predicted += row[k];
            }
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = support == 0 ? 0 : (double) truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out.add(new ClassFigures(labels.get(k), support, precision, recall, f1));
        }
        return out;
    }
}
