package dev.switchboard.bench;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the server's own latency histograms as {@code /actuator/prometheus} shows it: the cumulative
 * count of observations at or below each bucket's bound (seconds), summed over the label sets. Two
 * snapshots, one taken as the measured window opens and one after the drain, give the window's figures
 * from the server's side, beside the load generator's own.
 *
 * <p>A bucketed histogram only bounds a percentile: {@link #percentileAtMost} is the bound of the
 * first bucket that holds it, so the true value lies between the bucket below and that bound.
 */
record ServerHistogram(NavigableMap<Double, Long> cumulative) {

    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** Reads the buckets of histogram {@code name} (without {@code _bucket}) from Prometheus text; empty when absent. */
    static Optional<ServerHistogram> parse(String prometheusText, String name) {
        String prefix = name + "_bucket{";
        NavigableMap<Double, Long> buckets = new TreeMap<>();
        for (String line : prometheusText.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            Matcher le = LE.matcher(line);
            int space = line.lastIndexOf(' ');
            if (!le.find() || space < 0) {
                continue;
            }
            double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
            buckets.merge(bound, (long) Double.parseDouble(line.substring(space + 1).trim()), Long::sum);
        }
        return buckets.isEmpty() ? Optional.empty() : Optional.of(new ServerHistogram(buckets));
    }

    /** What was observed after {@code earlier} and up to this snapshot. */
    ServerHistogram since(ServerHistogram earlier) {
        NavigableMap<Double, Long> delta = new TreeMap<>();
        cumulative.forEach((bound, count) -> delta.put(bound, count - earlier.cumulative.getOrDefault(bound, 0L)));
        return new ServerHistogram(delta);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The bound (milliseconds) of the first bucket holding the {@code percentile}th observation; infinite past the last bound. */
    double percentileAtMost(double percentile) {
        long rank = (long) Math.ceil(count() * percentile / 100.0);
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey() * 1000.0;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The share of observations at or below {@code seconds}, which must be one of the bucket bounds. */
    Optional<Double> shareWithin(double seconds) {
        Long within = cumulative.get(seconds);
        return within == null || count() == 0 ? Optional.empty() : Optional.of((double) within / count());
    }
}
