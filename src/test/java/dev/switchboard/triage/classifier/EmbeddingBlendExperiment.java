package dev.switchboard.triage.classifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.switchboard.triage.Prediction;

/**
 * Experiment, not part of the server: does blending sentence embeddings (all-MiniLM-L6-v2, quantized,
 * 384 dimensions, in-process ONNX) with the TF-IDF features close the gap to the ~93% the BANKING77
 * paper reports for sentence encoders? Same stratified 80/20 split (seed 13) as the CLI's figures.
 *
 * <p>Run: {@code scripts/experiment.sh EmbeddingBlendExperiment ../shared/data/banking77/train.csv text category}
 */
public final class EmbeddingBlendExperiment {

    public static void main(String[] args) {
        List<LabeledText> all = LabeledTexts.read(Path.of(args[0]), List.of(args[1]), args[2]).examples();
        Split<LabeledText> split = Split.stratified(all, 0.2, 13);
        AllMiniLmL6V2QuantizedEmbeddingModel encoder = new AllMiniLmL6V2QuantizedEmbeddingModel();
        long t0 = System.nanoTime();
        float[][] trainEmbeddings = embed(encoder, split.train());
        float[][] testEmbeddings = embed(encoder, split.heldOut());
        System.err.printf("embedded %d texts in %.1f s%n", all.size(), (System.nanoTime() - t0) / 1e9);

        List<String> labels = List.copyOf(split.train().stream().map(LabeledText::label).collect(Collectors.toCollection(TreeSet::new)));
        Map<String, Integer> index = IntStream.range(0, labels.size()).boxed().collect(Collectors.toMap(labels::get, i -> i));
        TextFeatures tfidf = TextFeatures.fit(split.train().stream().map(LabeledText::text).toList(),
                TextFeatures.Kind.WORDS_AND_CHARS, 2, 100_000);
        for (double weight : new double[] {0.0, 1.0, 2.0}) {
            for (boolean withTfidf : new boolean[] {true, false}) {
                if (!withTfidf && weight == 0.0) {
                    continue;
                }
                Model model = train(split.train(), trainEmbeddings, tfidf, withTfidf, weight, index);
                List<Prediction> predictions = new ArrayList<>();
                for (int i = 0; i < split.heldOut().size(); i++) {
                    double[] dec = decision(model, vector(split.heldOut().get(i).text(), testEmbeddings[i], tfidf, withTfidf, weight),
                            labels.size());
                    int best = 0;
                    for (int k = 1; k < dec.length; k++) {
                        if (dec[k] > dec[best]) {
                            best = k;
                        }
                    }
                    predictions.add(new Prediction(labels.get(best), 1.0, "experiment"));
                }
                Evaluation.Figures f = Evaluation.of(split.heldOut(), predictions, 0.72).figures();
                System.out.printf("tfidf=%s embeddings x%.1f: accuracy %.4f macro-F1 %.4f%n", withTfidf, weight,
                        f.accuracy(), f.macroF1());
            }
        }
    }

    private static float[][] embed(AllMiniLmL6V2QuantizedEmbeddingModel encoder, List<LabeledText> texts) {
        float[][] out = new float[texts.size()][];
        int batch = 256;
        for (int from = 0; from < texts.size(); from += batch) {
            List<TextSegment> segments = texts.subList(from, Math.min(from + batch, texts.size())).stream()
                    .map(t -> TextSegment.from(t.text())).toList();
            var embeddings = encoder.embedAll(segments).content();
            for (int i = 0; i < embeddings.size(); i++) {
                out[from + i] = embeddings.get(i).vector();
            }
        }
        return out;
    }

    private static Feature[] vector(String text, float[] embedding, TextFeatures tfidf, boolean withTfidf, double weight) {
        List<Feature> features = new ArrayList<>();
        if (withTfidf) {
            features.addAll(List.of(tfidf.vectorize(text)));
        }
        int base = tfidf.size();
        if (weight > 0) {
            double norm = 0;
            for (float v : embedding) {
                norm += v * v;
            }
            double scale = weight / Math.sqrt(norm);
            for (int d = 0; d < embedding.length; d++) {
                features.add(new FeatureNode(base + 1 + d, embedding[d] * scale));
            }
        }
        features.add(new FeatureNode(base + embedding.length + 1, 1.0));
        return features.toArray(Feature[]::new);
    }

    private static Model train(List<LabeledText> train, float[][] embeddings, TextFeatures tfidf, boolean withTfidf,
                               double weight, Map<String, Integer> index) {
        Problem problem = new Problem();
        problem.l = train.size();
        problem.n = tfidf.size() + embeddings[0].length + 1;
        problem.bias = 1;
        problem.x = new Feature[train.size()][];
        problem.y = new double[train.size()];
        for (int i = 0; i < train.size(); i++) {
            problem.x[i] = vector(train.get(i).text(), embeddings[i], tfidf, withTfidf, weight);
            problem.y[i] = index.get(train.get(i).label());
        }
        Linear.disableDebugOutput();
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, 0.5, 0.1);
        parameter.setRandom(new Random(13));
        return Linear.train(problem, parameter);
    }

    private static double[] decision(Model model, Feature[] x, int labels) {
        double[] byClass = new double[model.getNrClass()];
        Linear.predictValues(model, x, byClass);
        double[] byLabel = new double[labels];
        int[] modelLabels = model.getLabels();
        for (int k = 0; k < byClass.length; k++) {
            byLabel[modelLabels[k]] = byClass[k];
        }
        return byLabel;
    }

    private EmbeddingBlendExperiment() {
    }
}
