package dev.switchboard.triage.classifier;

import java.util.List;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Model;

import dev.switchboard.triage.Prediction;
import dev.switchboard.triage.TextClassifier;

/**
 * A liblinear model over {@link TextFeatures}, its decision values turned into calibrated
 * probabilities by a softmax with a fitted temperature (see {@link Calibration}).
 *
 * <p>Decision values are computed here from a float copy of liblinear's weights, laid out as liblinear
 * lays them out (feature-major): half the memory traffic of liblinear's own double loop, which is
 * what a text with ~75 features against 77 classes is bound by.
 */
public final class LinearTextClassifier implements TextClassifier {

    private final ModelInfo info;
    private final TextFeatures features;
    private final Model model;
    /** Our label index for each of liblinear's classes, in the model's order. */
    private final int[] labelOfClass;
    /** liblinear's weights as floats: {@code weights[(feature - 1) * weightVectors + k]}. */
    private final float[] weights;
    private final int weightVectors;
    private final int features1;

    LinearTextClassifier(ModelInfo info, TextFeatures features, Model model) {
        this.info = info;
        this.features = features;
        this.model = model;
        int[] modelLabels = model.getLabels();
        this.labelOfClass = new int[modelLabels.length];
        for (int k = 0; k < modelLabels.length; k++) {
            labelOfClass[k] = modelLabels[k];
        }
        double[] w = model.getFeatureWeights();
        this.weightVectors = model.getNrClass() == 2 ? 1 : model.getNrClass();
        this.weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        this.features1 = w.length / weightVectors;
    }

    @Override
    public Prediction classify(String text) {
        double[] probabilities = probabilities(text);
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(info.labels().get(best), probabilities[best], info.version());
    }

    /** The probability of each label, in the order of {@link #labels()}. */
    public double[] probabilities(String text) {
        return Calibration.softmax(decisionValues(vector(features, text)), info.temperature());
    }

    /** The text's features with liblinear's bias: one more feature, of constant value 1, after the last real one. */
    static Feature[] vector(TextFeatures features, String text) {
        Feature[] x = features.vectorize(text);
        Feature[] withBias = java.util.Arrays.copyOf(x, x.length + 1);
        withBias[x.length] = new FeatureNode(features.size() + 1, 1.0);
        return withBias;
    }

    /** liblinear's decision values, one per label in the order of {@link #labels()}. */
    double[] decisionValues(Feature[] x) {
        double[] byClass = new double[weightVectors];
        for (Feature feature : x) {
            int index = feature.getIndex();
            if (index <= features1) {
                int base = (index - 1) * weightVectors;
                double value = feature.getValue();
                for (int k = 0; k < weightVectors; k++) {
                    byClass[k] += weights[base + k] * value;
                }
            }
        }
        double[] byLabel = new double[info.labels().size()];
        if (weightVectors == 1) {
            // liblinear keeps one weight vector for two classes: the value is for its first class.
            byLabel[labelOfClass[0]] = byClass[0];
            byLabel[labelOfClass[1]] = -byClass[0];
        } else {
            for (int k = 0; k < weightVectors; k++) {
                byLabel[labelOfClass[k]] = byClass[k];
            }
        }
        return byLabel;
    }

    @Override
    public String version() {
        return info.version();
    }

    @Override
    public List<String> labels() {
        return info.labels();
    }

    /** The same model, carrying its figures on held-out data. */
    public LinearTextClassifier withEvaluation(Evaluation.Figures figures) {
        return new LinearTextClassifier(info.withEvaluation(figures), features, model);
    }

    @Override
    public java.util.Optional<Evaluation.Figures> evaluation() {
        return info.evaluation();
    }

    public ModelInfo info() {
        return info;
    }

    TextFeatures features() {
        return features;
    }

    Model model() {
        return model;
    }
}
