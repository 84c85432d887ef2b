package dev.switchboard.triage.classifier;

import java.util.List;

/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): the multi-class
 * form of Platt scaling. One parameter T turns decision values into probabilities,
 * p_k = exp(T d_k) / sum_j exp(T d_j); T is chosen to minimise the negative log-likelihood on
 * examples the model did not train on. It changes the confidence, never the ranking.
 */
final class Calibration {

    private static final double LOWEST = Math.log(0.01);
    private static final double HIGHEST = Math.log(1000);
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private Calibration() {
    }

    /** A decision-value row with the index of the true label. */
    record Scored(double[] decisionValues, int label) {
    }

    static double[] softmax(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp(temperature * (scores[i] - max));
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The temperature that minimises the negative log-likelihood of {@code held}; golden-section search on ln T. */
    static double fitTemperature(List<Scored> held) {
        double a = LOWEST;
        double b = HIGHEST;
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        double fc = negativeLogLikelihood(held, Math.exp(c));
        double fd = negativeLogLikelihood(held, Math.exp(d));
        for (int i = 0; i < 80; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = negativeLogLikelihood(held, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = negativeLogLikelihood(held, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    static double negativeLogLikelihood(List<Scored> held, double temperature) {
        double sum = 0;
        for (Scored s : held) {
            sum -= Math.log(Math.max(softmax(s.decisionValues(), temperature)[s.label()], 1e-12));
        }
        return sum / held.size();
    }
}
