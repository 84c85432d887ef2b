package dev.switchboard.triage.classifier;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

/**
 * Trains a {@link LinearTextClassifier}: fits the TF-IDF vocabulary, trains a one-vs-rest linear SVM
 * (liblinear's L2-regularised L2-loss dual solver, the solver behind scikit-learn's LinearSVC) on most
 * of the examples, fits the calibration temperature on the rest, then trains the final model on all
 * of them with that temperature.
 */
public final class ClassifierTrainer {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param c                   liblinear's cost: higher fits the training data harder
     * @param minDocuments        a term must appear in this many texts to become a feature
     * @param maxTerms            most features per block (words; characters)
     * @param calibrationFraction share of the examples held back to fit the calibration temperature
     */
    public record Options(TextFeatures.Kind features, double c, int minDocuments, int maxTerms,
                          double calibrationFraction, long seed) {

        public static Options defaults() {
            return new Options(TextFeatures.Kind.WORDS_AND_CHARS, 0.5, 2, 100_000, 0.1, 13);
        }

        public Options withFeatures(TextFeatures.Kind kind) {
            return new Options(kind, c, minDocuments, maxTerms, calibrationFraction, seed);
        }

        public Options withC(double cost) {
            return new Options(features, cost, minDocuments, maxTerms, calibrationFraction, seed);
        }

        public Options withMinDocuments(int documents) {
            return new Options(features, c, documents, maxTerms, calibrationFraction, seed);
        }
    }

    private final Clock clock;

    public ClassifierTrainer(Clock clock) {
        this.clock = clock;
        Linear.disableDebugOutput();
    }

    public LinearTextClassifier train(List<LabeledText> examples, String source, Options options,
                                      Consumer<String> progress) {
        long started = System.nanoTime();
        List<String> labels = List.copyOf(examples.stream().map(LabeledText::label).collect(Collectors.toCollection(TreeSet::new)));
        if (labels.size() < 2) {
            throw new IllegalArgumentException("training needs at least two labels, found " + labels);
        }
        Map<String, Integer> labelIndex = IntStream.range(0, labels.size()).boxed()
                .collect(Collectors.toMap(labels::get, i -> i));
        progress.accept("fitting the vocabulary on " + examples.size() + " texts (" + options.features() + ")");
        TextFeatures features = TextFeatures.fit(examples.stream().map(LabeledText::text).toList(),
                options.features(), options.minDocuments(), options.maxTerms());
        progress.accept(features.size() + " features; vectorising");
        Feature[][] vectors = examples.stream().map(e -> LinearTextClassifier.vector(features, e.text()))
                .toArray(Feature[][]::new);
        double[] y = examples.stream().mapToDouble(e -> labelIndex.get(e.label())).toArray();

        List<Integer> allRows = IntStream.range(0, examples.size()).boxed().toList();
        Split<Integer> split = Split.stratified(allRows, row -> examples.get(row).label(),
                options.calibrationFraction(), options.seed());
        int[] trainRows = split.train().stream().mapToInt(Integer::intValue).toArray();
        int[] calibrationRows = split.heldOut().stream().mapToInt(Integer::intValue).toArray();
        progress.accept("training " + labels.size() + " classes on " + trainRows.length + " texts; "
                + calibrationRows.length + " held back for calibration");
        Model provisional = fit(vectors, y, trainRows, features.size(), options);
        ModelInfo draft = info(labels, options, 1.0, features, source, examples.size(), 0, 0);
        LinearTextClassifier uncalibrated = new LinearTextClassifier(draft, features, provisional);
        List<Calibration.Scored> held = new ArrayList<>();
        for (int row : calibrationRows) {
            held.add(new Calibration.Scored(uncalibrated.decisionValues(vectors[row]), (int) y[row]));
        }
        double temperature = held.isEmpty() ? 1.0 : Calibration.fitTemperature(held);
        progress.accept("calibration temperature " + String.format("%.3f", temperature) + "; training the final model on all "
                + examples.size() + " texts");
        Model model = fit(vectors, y, IntStream.range(0, examples.size()).toArray(), features.size(), options);
        long millis = (System.nanoTime() - started) / 1_000_000;
        progress.accept("trained in " + millis + " ms");
        return new LinearTextClassifier(info(labels, options, temperature, features, source, examples.size(),
                calibrationRows.length, millis), features, model);
    }

    private ModelInfo info(List<String> labels, Options options, double temperature, TextFeatures features,
                           String source, int examples, int calibrationExamples, long millis) {
        Instant now = clock.instant();
        return new ModelInfo(VERSION.format(now), now, labels, options.features(), options.c(), temperature,
                new ModelInfo.TrainingSummary(source, examples, calibrationExamples, features.size(), millis),
                Optional.empty());
    }

    private static Model fit(Feature[][] vectors, double[] y, int[] rows, int featureCount, Options options) {
        Problem problem = new Problem();
        problem.l = rows.length;
        problem.n = featureCount + 1;
        problem.bias = 1;
        problem.x = new Feature[rows.length][];
        problem.y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            problem.x[i] = vectors[rows[i]];
            problem.y[i] = y[rows[i]];
        }
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, options.c(), 0.1);
        parameter.setRandom(new Random(options.seed()));
        return Linear.train(problem, parameter);
    }
}
