package dev.switchboard.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bench command's flags. Every one has a default except the server's URL, the rate and the
 * duration; an unknown flag or a bad value is refused with a message naming it.
 */
record BenchOptions(
        URI url,
        double rate,
        Duration duration,
        Duration warmup,
        int agents,
        int capacity,
        Duration handleTime,
        int teams,
        Optional<Path> data,
        List<String> textColumns,
        String labelColumn,
        Optional<Double> holdout,
        long seed,
        Path out,
        Duration drain,
        int maxInFlight,
        int connections,
        boolean keep,
        boolean reassign,
        int batch) {

    static final String USAGE = """
            usage: java -jar switchboard.jar bench --url BASE_URL --rate TICKETS_PER_S --duration SECONDS [options]
              --agents N             simulated agents on the WebSocket stream (default 50)
              --capacity N           tickets each agent holds at once (default 10)
              --handle-time D        mean time an agent works a ticket before resolving it, exponential (default 1s)
              --teams N              teams the categories are dealt to (default: up to 5); agents go to every team
                                     by the share of a sample that the server's triage sends it (a preview)
              --data CSV             labeled tickets to replay (default: the built-in generator)
              --text-columns A,B     the CSV's text columns (default subject,body)
              --label-column C       the CSV's ground-truth category column (default category)
              --holdout F --seed S   replay only the held-out part of the split that 'train --holdout F --seed S' used
              --warmup D             sent but not measured at the start (default 5s)
              --drain D              how long to wait at the end for tickets still unassigned (default 30s)
              --max-in-flight N      requests the client keeps open at once before counting a send as an error (default 10000)
              --connections N        keep-alive HTTP connections the posts share (default 64); a post due while all are
                                     busy waits for one, and the wait counts in its latency
              --batch N              post the tickets N at a time through POST /api/v1/tickets/batch, as an integration
                                     sending in bulk (default 1: one POST /api/v1/tickets a ticket); a batch goes when its
                                     last ticket is due, and its tickets' latencies count from then (1..1000)
              --out DIR              where results.json, latency.html and the histograms go (default bench-results/<time>)
              --keep                 keep the teams and agents it created (default: deleted at the end)
              --no-reassign          agents work misrouted tickets as they came instead of correcting their category
                                     (by default an agent corrects one through PATCH /api/v1/tickets/{id}: a misroute)
            Admin credentials: SWITCHBOARD_ADMIN_EMAIL (default admin@localhost) and SWITCHBOARD_ADMIN_PASSWORD.
            Durations are seconds (30) or with a unit (500ms, 2m). The server must allow a sign-in per agent
            (--switchboard.auth.sign-ins-per-minute); run it against a server of its own, not production.""";

    /**
     * The posts' connections by default. An integration posts over a bounded pool, as this does: at 1,000/s
     * a post takes a few milliseconds, so a handful are busy at once and 64 leave room for a stall of the
     * server. Unbounded (a connection for every request in flight), a stall of the server made the bench
     * open thousands (2,717 in one run at 1,000/s), each with its buffers on both sides, and both
     * processes' young collections copied them for the rest of the run (docs/benchmarks.md).
     */
    static final int CONNECTIONS = 64;

    /** The most tickets in one batch: the server's default limit ({@code switchboard.intake.batch-max-items}). */
    static final int MAX_BATCH = 1000;

    private static final Set<String> SWITCHES = Set.of("keep", "no-reassign");

    static BenchOptions parse(String... args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (SWITCHES.contains(name)) {
                o.put(name, "true");
            } else if (i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        Set<String> known = Set.of("url", "rate", "duration", "warmup", "agents", "capacity", "handle-time", "teams",
                "data", "text-columns", "label-column", "holdout", "seed", "out", "drain",
                "max-in-flight", "connections", "batch", "keep", "no-reassign");
        o.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("unknown flag --" + k);
        });
        for (String required : List.of("url", "rate", "duration")) {
            if (!o.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        String url = o.get("url").replaceAll("/+$", "");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("--url must be http:// or https://, not '" + url + "'");
        }
        return new BenchOptions(
                URI.create(url),
                positive("rate", Double.parseDouble(o.get("rate"))),
                positive("duration", duration(o.get("duration"))),
                duration(o.getOrDefault("warmup", "5s")),
                (int) positive("agents", integer(o, "agents", 50)),
                (int) positive("capacity", integer(o, "capacity", 10)),
                duration(o.getOrDefault("handle-time", "1s")),
                integer(o, "teams", 0),
                Optional.ofNullable(o.get("data")).map(Path::of),
                Arrays.stream(o.getOrDefault("text-columns", "subject,body").split(",")).map(String::trim).toList(),
                o.getOrDefault("label-column", "category"),
                Optional.ofNullable(o.get("holdout")).map(Double::parseDouble),
                Long.parseLong(o.getOrDefault("seed", "13")),
                Path.of(o.getOrDefault("out", "bench-results/" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-'))),
                duration(o.getOrDefault("drain", "30s")),
                (int) positive("max-in-flight", integer(o, "max-in-flight", 10_000)),
                (int) positive("connections", integer(o, "connections", CONNECTIONS)),
                o.containsKey("keep"),
                !o.containsKey("no-reassign"),
                batch(integer(o, "batch", 1)));
    }

    /** Seconds as a plain number, or a number with a unit: ms, s, m, h. */
    static Duration duration(String value) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (30, 500ms, 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1_000;
        };
        return Duration.ofNanos((long) (millis * 1_000_000));
    }

    private static int integer(Map<String, String> o, String name, int fallback) {
        try {
            return o.containsKey(name) ? Integer.parseInt(o.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + o.get(name) + "'");
        }
    }

    /** The server takes up to 1,000 tickets a batch by default ({@code switchboard.intake.batch-max-items}). */
    private static int batch(int value) {
        if (value < 1 || value > MAX_BATCH) {
            throw new IllegalArgumentException("--batch must be 1.." + MAX_BATCH + ", not " + value);
        }
        return value;
    }

    private static double positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("--" + name + " must be more than 0");
        }
        return value;
    }

    private static Duration positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("--" + name + " must be more than 0");
        }
        return value;
    }

    /** How many tickets the run sends: the rate over the whole duration. */
    long total() {
        return Math.round(rate * duration.toNanos() / 1e9);
    }

    long periodNanos() {
        return Math.round(1e9 / rate);
    }
}
