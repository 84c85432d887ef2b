package dev.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** A run's figures: the terminal table, {@code results.json}, the latency plot and the raw histograms. */
final class Report {

    private final Map<String, Object> results;
    private final Map<String, Histogram> latencies;

    Report(Map<String, Object> results, Map<String, Histogram> latencies) {
        this.results = results;
        this.latencies = latencies;
    }

    Map<String, Object> results() {
        return results;
    }

    /** The percentiles of a latency histogram (microseconds) in milliseconds, under {@code prefix_p50_ms} etc. */
    static Map<String, Object> percentiles(String prefix, Histogram micros) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(prefix + "_p50_ms", ms(micros.getValueAtPercentile(50)));
        out.put(prefix + "_p90_ms", ms(micros.getValueAtPercentile(90)));
        out.put(prefix + "_p99_ms", ms(micros.getValueAtPercentile(99)));
        out.put(prefix + "_p999_ms", ms(micros.getValueAtPercentile(99.9)));
        out.put(prefix + "_max_ms", ms(micros.getMaxValue()));
        out.put(prefix + "_count", micros.getTotalCount());
        return out;
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"),
                ServerApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        for (var entry : latencies.entrySet()) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(entry.getKey() + ".hgrm")), true,
                    StandardCharsets.UTF_8)) {
                entry.getValue().outputPercentileDistribution(out, 5, 1000.0); // milliseconds
            }
        }
        Files.writeString(dir.resolve("latency.html"), html());
    }

    /** The figures as a table for the terminal. */
    void print(PrintStream out) {
        out.println();
        row(out, "offered rate", fmt("%.0f tickets/s", results.get("offered_rate")));
        row(out, "achieved rate", fmt("%.0f tickets/s", results.get("achieved_rate")));
        row(out, "sent / accepted / merged", results.get("sent") + " / " + results.get("accepted") + " / " + results.get("merged"));
        row(out, "assigned (re-offers)", results.get("assigned") + " (" + results.get("reoffers") + ")");
        row(out, "lost", String.valueOf(results.get("lost")));
        row(out, "errors", results.get("errors") + " " + results.get("errors_by_kind"));
        out.println();
        out.printf(Locale.ROOT, "  %-26s %9s %9s %9s %9s %9s%n", "latency (ms)", "p50", "p90", "p99", "p99.9", "max");
        for (String[] kind : new String[][] {{"accept", "accept (202)"}, {"e2e", "end to end (to agent)"},
                {"time_to_assign", "time to assign"}, {"to_server", "due to the server's stamp"},
                {"from_server", "stamp to agent"}, {"client_write", "due to the client's write"}}) {
            out.printf(Locale.ROOT, "  %-26s %9.2f %9.2f %9.2f %9.2f %9.2f%n", kind[1], results.get(kind[0] + "_p50_ms"),
                    results.get(kind[0] + "_p90_ms"), results.get(kind[0] + "_p99_ms"), results.get(kind[0] + "_p999_ms"),
                    results.get(kind[0] + "_max_ms"));
        }
        if (results.get("server_pushed_count") instanceof Long pushes) {
            row(out, "server: accepted to pushed", fmt("p50 <= %s ms, p99 <= %s ms, %s within 25 ms (%d first pushes; its histogram's buckets)",
                    bound(results.get("server_pushed_p50_ms")), bound(results.get("server_pushed_p99_ms")),
                    results.get("server_pushed_within_25ms") instanceof Double share ? fmt("%.2f %%", 100 * share) : "?", pushes));
        }
        out.println();
        row(out, "misroute rate", fmt("%.2f %%", 100 * (double) results.get("misroute_rate"))
                + "   (" + results.get("reassigned") + " corrected by agents)");
        row(out, "agent idle ratio", fmt("%.1f %%", 100 * (double) results.get("agent_idle_ratio")));
        if (results.get("client_cpu_ms_per_ticket") instanceof Double cpu && cpu >= 0) {
            row(out, "load generator's CPU", fmt("%.3f ms a ticket (sending and agents, on this machine)", cpu));
        }
        if (results.get("client_gc_pauses") instanceof Long pauses) {
            row(out, "load generator's pauses", fmt("%d, %d ms in all, the longest %d ms (its own collections: they count in the latencies)",
                    pauses, results.get("client_gc_pause_total_ms"), results.get("client_gc_pause_max_ms")));
        }
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "  %-26s %s%n", name, value);
    }

    private static String fmt(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    /**
     * A self-contained page: the latency percentile spectrum of each histogram (x: percentile on the
     * usual log scale of 1/(1-p), y: milliseconds), as inline SVG, with the run's figures beneath.
     */
    String html() {
        int w = 900;
        int h = 420;
        int left = 70;
        int bottom = 50;
        double maxX = 5; // up to 99.999 %
        double maxMs = 0;
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (var entry : latencies.entrySet()) {
            List<double[]> points = new ArrayList<>();
            if (entry.getValue().getTotalCount() > 0) {
                for (HistogramIterationValue v : entry.getValue().percentiles(5)) {
                    double p = v.getPercentileLevelIteratedTo() / 100.0;
                    double x = p >= 1 ? maxX : Math.min(maxX, Math.log10(1 / (1 - p)));
                    double y = v.getValueIteratedTo() / 1000.0;
                    points.add(new double[] {x, y});
                    maxMs = Math.max(maxMs, y);
                }
            }
            series.put(entry.getKey(), points);
        }
        maxMs = niceCeiling(maxMs);
        StringBuilder svg = new StringBuilder();
        svg.append(fmt("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' role='img' aria-label='latency by percentile'>",
                w, h));
        double plotW = w - left - 20;
        double plotH = h - bottom - 20;
        for (int i = 0; i <= 5; i++) {
            double x = left + plotW * i / maxX;
            String label = switch (i) { case 0 -> "0%"; case 1 -> "90%"; case 2 -> "99%"; case 3 -> "99.9%"; case 4 -> "99.99%"; default -> "99.999%"; };
            svg.append(fmt("<line x1='%.1f' y1='20' x2='%.1f' y2='%.1f' stroke='#ddd'/>", x, x, 20 + plotH));
            svg.append(fmt("<text x='%.1f' y='%.1f' font-size='12' text-anchor='middle'>%s</text>", x, 20 + plotH + 18, label));
        }
        for (int i = 0; i <= 4; i++) {
            double y = 20 + plotH - plotH * i / 4;
            svg.append(fmt("<line x1='%d' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#ddd'/>", left, y, left + plotW, y));
            svg.append(fmt("<text x='%d' y='%.1f' font-size='12' text-anchor='end'>%s ms</text>", left - 6, y + 4,
                    trim(maxMs * i / 4)));
        }
        String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
        int c = 0;
        for (var entry : series.entrySet()) {
            StringBuilder path = new StringBuilder();
            for (double[] point : entry.getValue()) {
                path.append(path.isEmpty() ? "M" : "L").append(fmt("%.1f,%.1f ", left + plotW * point[0] / maxX,
                        20 + plotH - plotH * Math.min(point[1], maxMs) / maxMs));
            }
            String colour = colours[c % colours.length];
            svg.append(fmt("<path d='%s' fill='none' stroke='%s' stroke-width='2'/>", path, colour));
            svg.append(fmt("<text x='%d' y='%d' font-size='13' fill='%s'>%s</text>", left + 12, 40 + 18 * c, colour, entry.getKey()));
            c++;
        }
        svg.append(fmt("<text x='%.1f' y='%d' font-size='12' text-anchor='middle'>percentile</text>", left + plotW / 2, h - 6));
        svg.append("</svg>");
        StringBuilder table = new StringBuilder("<table>");
        results.forEach((k, v) -> table.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(String.valueOf(v)))
                .append("</td></tr>"));
        table.append("</table>");
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Switchboard bench: latency</title>
                <style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}
                th{text-align:left;padding-right:1em;font-weight:600}td,th{font-size:14px}</style></head>
                <body><h1>Switchboard bench</h1>
                <p>Latency by percentile, measured from each ticket's scheduled send time.</p>
                %s
                <h2>Figures</h2>
                %s
                </body></html>
                """.formatted(svg, table);
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A percentile's bucket bound, or the sign that it lies beyond the last one. */
    private static String bound(Object ms) {
        return ms instanceof Double value ? trim(value) : "(beyond the last bucket)";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : fmt("%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
