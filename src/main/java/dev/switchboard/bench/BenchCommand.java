package dev.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * {@code java -jar switchboard.jar bench --url URL --rate R --duration S [...]} (flags in
 * {@link BenchOptions#USAGE}). Sets up teams and agents through the admin API, connects the agents to
 * the stream, sends the tickets on schedule, waits for the last ones to be assigned, reports, and
 * removes what it created. Run it against a server of its own: its agents take only its own tickets,
 * but they stand in the server's queues like real agents.
 */
public final class BenchCommand {

    public static final String NAME = "bench";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public BenchCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs the bench; the process exit code (0 when nothing was lost and no ticket failed). */
    public int run(String... args) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            err.println(BenchOptions.USAGE);
            return 2;
        }
        try {
            Report report = execute(options);
            Map<String, Object> r = report.results();
            return (long) r.get("lost") == 0 && (long) r.get("errors") == 0 ? 0 : 1;
        } catch (IllegalArgumentException | IllegalStateException | IOException failed) {
            err.println("error: " + failed.getMessage());
            return 1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 130;
        }
    }

    private Report execute(BenchOptions options) throws IOException, InterruptedException {
        Workload workload = options.data()
                .map(file -> Workload.fromFile(file, options.textColumns(), options.labelColumn(), options.holdout(), options.seed()))
                .orElseGet(() -> Workload.generated(options.seed(), 10_000));
        try (ServerApi api = new ServerApi(options.url(), options.connections())) {
            return execute(options, workload, api);
        }
    }

    private Report execute(BenchOptions options, Workload workload, ServerApi api) throws IOException, InterruptedException {
        String password = env.get("SWITCHBOARD_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("set SWITCHBOARD_ADMIN_PASSWORD (and SWITCHBOARD_ADMIN_EMAIL unless it is admin@localhost)"
                    + " to an admin's credentials: the bench creates its teams and agents through the admin API");
        }
        String admin = api.signIn(env.getOrDefault("SWITCHBOARD_ADMIN_EMAIL", "admin@localhost"), password);
        String run = Long.toString(Math.abs(new SecureRandom().nextLong()), 36).substring(0, 6);
        String customerPrefix = "bench-" + run + "-";

        List<Staffing.TeamPlan> teams = Staffing.plan(workload, options, run, api, admin, customerPrefix);
        int[] agentsPerTeam = Staffing.agentsPerTeam(teams, options.agents());
        Measurements measurements = new Measurements(options);
        // Tickets come in as an integration's would: with an API key whose limit is well above the rate.
        ServerApi.Reply key = api.createApiKey("bench " + run, (int) Math.min(10_000_000, Math.max(60_000, options.rate() * 60 * 4)), admin);
        if (!key.ok()) {
            throw new IllegalStateException("could not create the bench's API key: " + key.status() + " " + key.body());
        }
        String keyId = key.json().get("id").asString();
        api.useApiKey(key.json().get("key").asString());
        SimulatedAgent.Tickets tickets = new SimulatedAgent.Tickets() {
            @Override
            public int seqOf(String customerId) {
                if (!customerId.startsWith(customerPrefix)) {
                    return -1;
                }
                try {
                    long seq = Long.parseLong(customerId.substring(customerPrefix.length()));
                    return seq < measurements.total ? (int) seq : -1;
                } catch (NumberFormatException notOurs) {
                    return -1;
                }
            }

            @Override
            public String labelOf(int seq) {
                return workload.get(seq).label();
            }
        };

        err.printf(Locale.ROOT, "bench %s: %s, %.0f tickets/s for %s (%d tickets, warm-up %s), %d agents of capacity %d, "
                        + "handle time %s%s%n  workload: %s, %d tickets, %d categories%n", run, options.url(), options.rate(),
                human(options.duration()), measurements.total, human(options.warmup()), options.agents(), options.capacity(),
                human(options.handleTime()), options.batch() == 1 ? "" : ", posted " + options.batch() + " a batch",
                workload.source(), workload.samples().size(), workload.categoriesByFrequency().size());
        List<String> agentIds = new ArrayList<>();
        List<SimulatedAgent> agents = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("bench-timer").daemon().factory());
        // The agents' messages are handled on the client's selector thread, where they are read: they never block
        // (a correction goes to a thread of its own), and a hand-over to a worker pool for each cost more CPU.
        HttpClient streams = HttpClient.newBuilder().executor(Runnable::run).build();
        try {
            for (int t = 0; t < teams.size(); t++) {
                Staffing.TeamPlan team = teams.get(t);
                err.printf(Locale.ROOT, "  team %-22s %5.1f %% of tickets, %3d agents, categories %s%n", team.name(),
                        100 * team.share(), agentsPerTeam[t], abbreviate(team.categories()));
                for (int i = 0; i < agentsPerTeam[t]; i++) {
                    int n = agents.size();
                    String email = "agent-" + n + "@" + run + ".bench.invalid";
                    String agentPassword = "bench-" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
                    Map<String, Object> agent = new LinkedHashMap<>();
                    agent.put("email", email);
                    agent.put("name", "Bench agent " + n);
                    agent.put("password", agentPassword);
                    agent.put("team", team.name());
                    agent.put("skills", team.categories());
                    agent.put("region", Workload.REGIONS.get(n % Workload.REGIONS.size()));
                    agent.put("capacity", options.capacity());
                    ServerApi.Reply created = api.createAgent(agent, admin);
                    if (!created.ok()) {
                        throw new IllegalStateException("could not create agent " + email + ": " + created.status() + " " + created.body());
                    }
                    agentIds.add(created.json().get("id").asString());
                    SimulatedAgent simulated = new SimulatedAgent(email, measurements, tickets, timer, options.handleTime(),
                            options.seed() * 31 + n);
                    simulated.connect(streams, api.streamUri(), api.signIn(email, agentPassword),
                            options.reassign() ? api : null);
                    agents.add(simulated);
                }
            }
            return measure(options, api, workload, measurements, agents, customerPrefix);
        } finally {
            agents.forEach(SimulatedAgent::close);
            timer.shutdownNow();
            if (!options.keep()) {
                cleanUp(api, admin, agentIds, teams, keyId);
            }
        }
    }

    private Report measure(BenchOptions options, ServerApi api, Workload workload, Measurements measurements,
                           List<SimulatedAgent> agents, String customerPrefix) throws IOException, InterruptedException {
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bench-progress").daemon().factory());
        boolean terminal = System.console() != null;
        // What the set-up made lives the whole run (the workload's tickets, the histograms, the agents' streams).
        // Left young, the run's first young collections copied it again and again: the bench's own pauses of 60 to
        // 135 ms at 1,000/s, inside the measured latencies (docs/benchmarks.md). One full collection before the
        // schedule starts moves it to the old generation, as a benchmark harness collects between iterations.
        System.gc();
        long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        measurements.begin(begin);
        progress.scheduleAtFixedRate(() -> progressLine(measurements, begin, terminal), 1, 1, TimeUnit.SECONDS);
        // The server's own accepted-to-pushed histogram as the measured window opens, from a thread of its own.
        CompletableFuture<Optional<ServerHistogram>> serverAtWindowStart = new CompletableFuture<>();
        progress.schedule(() -> serverAtWindowStart.complete(serverPushes(api)),
                Math.max(0, measurements.windowStart() - System.nanoTime()), TimeUnit.NANOSECONDS);
        Instant startedAt = Instant.now();
        long cpuBefore = processCpuNanos();
        OwnPauses ownPauses = OwnPauses.watch();
        // The posts go out without waiting (ServerApi.postTicket). Those not answered yet are counted, with one
        // more for the sending loop itself, so that the count reaches zero only once both are done.
        AtomicLong unanswered = new AtomicLong(1);
        CompletableFuture<Void> allAnswered = new CompletableFuture<>();
        Runnable oneAnswered = () -> {
            if (unanswered.decrementAndGet() == 0) {
                allAnswered.complete(null);
            }
        };
        for (int first = 0; first < measurements.total; first += options.batch()) {
            int from = first;
            int to = Math.min(measurements.total, first + options.batch());
            long due = measurements.scheduledAt(from);
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            if (measurements.inFlight() >= options.maxInFlight()) {
                for (int seq = from; seq < to; seq++) {
                    measurements.failed(seq, "client_backlog_full");
                }
                continue;
            }
            unanswered.incrementAndGet();
            if (options.batch() == 1) {
                String body = ServerApi.JSON.writeValueAsString(workload.ticket(from, customerPrefix));
                measurements.sending(from, System.nanoTime());
                api.postTicket(body, () -> measurements.written(from, from + 1, System.nanoTime()), (reply, failure) -> {
                    try {
                        Answers.one(measurements, from, reply, failure);
                    } finally {
                        oneAnswered.run();
                    }
                });
            } else {
                List<Map<String, Object>> items = new ArrayList<>(to - from);
                for (int seq = from; seq < to; seq++) {
                    items.add(workload.ticket(seq, customerPrefix));
                }
                String body = ServerApi.JSON.writeValueAsString(Map.of("tickets", items));
                long now = System.nanoTime();
                for (int seq = from; seq < to; seq++) {
                    measurements.sending(seq, now);
                }
                api.postBatch(body, () -> measurements.written(from, to, System.nanoTime()), (reply, failure) -> {
                    try {
                        Answers.batch(measurements, from, to, reply, failure);
                    } finally {
                        oneAnswered.run();
                    }
                });
            }
        }
        oneAnswered.run();
        allAnswered.join(); // the last answers (each within 30 s, or a timeout)
        long sendEnd = System.nanoTime();
        long clientCpu = processCpuNanos() - cpuBefore;
        long deadline = sendEnd + options.drain().toNanos();
        while (measurements.unassigned() > 0 && System.nanoTime() < deadline && agents.stream().anyMatch(a -> !a.closedByServer())) {
            Thread.sleep(100); // a client polling its own counters, not a test waiting on the server
        }
        Optional<ServerHistogram> serverPushes = serverAtWindowStart.getNow(Optional.empty())
                .flatMap(start -> serverPushes(api).map(end -> end.since(start)));
        progress.shutdownNow();
        progress.awaitTermination(2, TimeUnit.SECONDS);
        measurements.interval();
        OwnPauses.Figures pauses = ownPauses.figures();
        ownPauses.close();
        long idle = agents.stream().mapToLong(SimulatedAgent::idleNanos).sum();
        agents.forEach(SimulatedAgent::finish);
        if (terminal) {
            err.println();
        }

        long accepted = measurements.acceptedCount.sum() + measurements.mergedCount.sum();
        double sendSeconds = Math.max(1e-9, (Math.max(sendEnd, measurements.lastAcceptNanos()) - begin) / 1e9);
        double window = (double) (measurements.windowEnd() - measurements.windowStart()) * agents.size();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("started_at", startedAt.toString());
        results.put("url", options.url().toString());
        results.put("workload", workload.source());
        results.put("offered_rate", options.rate());
        results.put("achieved_rate", Math.round(accepted / sendSeconds * 10) / 10.0);
        results.put("duration_s", options.duration().toMillis() / 1000.0);
        results.put("warmup_s", options.warmup().toMillis() / 1000.0);
        results.put("agents", agents.size());
        results.put("capacity", options.capacity());
        results.put("handle_time_ms", options.handleTime().toMillis());
        results.put("batch", options.batch());
        results.putAll(Report.percentiles("e2e", measurements.endToEndTotal));
        results.putAll(Report.percentiles("accept", measurements.acceptTotal));
        results.putAll(Report.percentiles("time_to_assign", measurements.toAssignTotal));
        results.putAll(Report.percentiles("to_server", measurements.toServerTotal));
        results.putAll(Report.percentiles("from_server", measurements.fromServerTotal));
        results.putAll(Report.percentiles("client_write", measurements.clientWriteTotal));
        serverPushes.filter(h -> h.count() > 0).ifPresent(pushes -> {
            results.put("server_pushed_count", pushes.count());
            // null (JSON has no infinity) when the percentile lies beyond the histogram's last bound
            results.put("server_pushed_p50_ms", finiteOrNull(pushes.percentileAtMost(50)));
            results.put("server_pushed_p99_ms", finiteOrNull(pushes.percentileAtMost(99)));
            pushes.shareWithin(0.025).ifPresent(share -> results.put("server_pushed_within_25ms", Math.round(share * 1e4) / 1e4));
        });
        long measured = measurements.measuredAssigned.sum();
        results.put("misroute_rate", measured == 0 ? 0.0 : Math.round(measurements.misrouted.sum() * 1e6 / measured) / 1e6);
        results.put("agent_idle_ratio", window <= 0 ? 0.0 : Math.round(idle / window * 1e4) / 1e4);
        results.put("sent", measurements.sent.sum());
        results.put("accepted", measurements.acceptedCount.sum());
        results.put("merged", measurements.mergedCount.sum());
        results.put("assigned", measurements.assignedCount.sum());
        results.put("reoffers", measurements.reoffers.sum());
        results.put("reassigned", measurements.reassigned.sum());
        results.put("foreign_offers", measurements.foreignOffers.sum());
        results.put("lost", measurements.unassigned());
        results.put("errors", measurements.errorCount());
        results.put("errors_by_kind", measurements.errorsByKind());
        // The load generator shares the machine with the server on loopback: what it took is what the server did not get.
        results.put("client_cpu_ms_per_ticket", clientCpu < 0 || measurements.total == 0 ? -1.0
                : Math.round(clientCpu / 1e3 / measurements.total) / 1e3);
        // The bench's own stops from the first send to the end of the drain: they count in its latencies too.
        results.put("client_gc_pauses", pauses.count());
        results.put("client_gc_pause_total_ms", pauses.totalMillis());
        results.put("client_gc_pause_max_ms", pauses.maxMillis());
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        latencies.put("e2e", measurements.endToEndTotal);
        latencies.put("accept", measurements.acceptTotal);
        latencies.put("time_to_assign", measurements.toAssignTotal);
        latencies.put("to_server", measurements.toServerTotal);
        latencies.put("from_server", measurements.fromServerTotal);
        latencies.put("client_write", measurements.clientWriteTotal);
        Report report = new Report(results, latencies);
        report.write(options.out());
        report.print(out);
        out.println("\n  results: " + options.out().toAbsolutePath().resolve("results.json") + ", plot: "
                + options.out().toAbsolutePath().resolve("latency.html"));
        return report;
    }

    /**
     * The server's histogram of accepted-to-pushed times ({@code switchboard.routing.accepted.to.pushed}), read
     * from {@code /actuator/prometheus}; empty when it cannot be read (the figures then come from this side only).
     */
    private Optional<ServerHistogram> serverPushes(ServerApi api) {
        try {
            return ServerHistogram.parse(api.metrics(), "switchboard_routing_accepted_to_pushed_seconds");
        } catch (IOException | RuntimeException unreadable) {
            err.println("  the server's metrics could not be read (" + unreadable + "); its own latency figures are left out");
            return Optional.empty();
        }
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }

    /** This process's CPU time (all its threads, the JIT's and the collector's included), or -1 where the JVM does not say. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private void progressLine(Measurements m, long begin, boolean terminal) {
        Histogram second = m.interval();
        String line = String.format(Locale.ROOT, "  %4ds  sent %,9d  accepted %,9d  assigned %,9d  in flight %,6d  errors %,6d"
                        + "  e2e p99 %8.2f ms (last second)", (System.nanoTime() - begin) / 1_000_000_000L, m.sent.sum(),
                m.acceptedCount.sum() + m.mergedCount.sum(), m.assignedCount.sum(), m.inFlight(), m.errorCount(),
                second.getValueAtPercentile(99) / 1000.0);
        if (terminal) {
            err.print("\r" + line);
        } else if ((System.nanoTime() - begin) / 1_000_000_000L % 5 == 0) {
            err.println(line);
        }
    }

    private void cleanUp(ServerApi api, String admin, List<String> agentIds, List<Staffing.TeamPlan> teams, String keyId) {
        try {
            api.delete("/api/v1/api-keys/" + keyId, admin);
            for (String id : agentIds) {
                api.delete("/api/v1/agents/" + id, admin);
            }
            for (Staffing.TeamPlan team : teams) {
                if (team.created()) {
                    api.delete("/api/v1/teams/" + team.name(), admin);
                }
            }
        } catch (IOException | RuntimeException failed) {
            err.println("warning: could not remove every team and agent the bench made: " + failed);
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String abbreviate(List<String> categories) {
        return categories.size() <= 6 ? categories.toString()
                : categories.subList(0, 6) + " and " + (categories.size() - 6) + " more";
    }
}
