package dev.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Priority;

/**
 * The routing decision on one thread: 500 agents in 50 teams (50 queues), each with capacity 5,
 * kept half busy. One operation routes a new ticket to the best agent of its team (scoring every
 * member, with the explanation) and releases the ticket that agent held longest, so the load stays
 * steady and every operation makes exactly one decision.
 *
 * <p>Run: {@code scripts/jmh.sh RouterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class RouterBenchmark {

    private static final List<String> CATEGORIES = List.of("billing", "bug", "outage", "feature_request", "general_inquiry");
    private static final List<String> REGIONS = List.of("eu", "us", "apac");

    @Param({"500"})
    public int agents;

    @Param({"50"})
    public int teams;

    private Router router;
    private WaitingTicket[] tickets;
    private WaitingTicket[] held;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        router = new Router(RoutingWeights.DEFAULT);
        for (int i = 0; i < agents; i++) {
            router.upsertAgent(new AgentState("agent-" + i, "team-" + (i % teams),
                    new java.util.HashSet<>(List.of(CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                            CATEGORIES.get(random.nextInt(CATEGORIES.size())))),
                    REGIONS.get(random.nextInt(REGIONS.size())), 5, Presence.ONLINE, true));
        }
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        tickets = new WaitingTicket[65_536];
        for (int i = 0; i < tickets.length; i++) {
            tickets[i] = new WaitingTicket(Tickets.newId(), "template",
                    CATEGORIES.get(random.nextInt(CATEGORIES.size())), REGIONS.get(random.nextInt(REGIONS.size())),
                    Priority.values()[random.nextInt(4)], t0.plusSeconds(3600 + i), t0.plusSeconds(i));
        }
        // Half of the capacity busy: 2.5 tickets per agent.
        held = new WaitingTicket[agents * 5 / 2];
        for (int i = 0; i < held.length; i++) {
            held[i] = route(tickets[i], "team-" + (i % teams));
        }
        next = held.length;
    }

    @Benchmark
    public void routeOneTicket(Blackhole hole) {
        int slot = next % held.length;
        String team = held[slot].team();
        hole.consume(router.release(held[slot].id()));
        // The new ticket goes to the team that just freed room, so every operation makes one decision.
        held[slot] = route(tickets[next++ % tickets.length], team);
    }

    private WaitingTicket route(WaitingTicket template, String team) {
        WaitingTicket ticket = new WaitingTicket(Tickets.newId(), team, template.category(), template.region(),
                template.priority(), template.slaDue(), template.receivedAt());
        List<Assignment> out = router.submit(ticket);
        if (out.size() != 1) {
            throw new IllegalStateException("expected one decision, got " + out.size());
        }
        return ticket;
    }
}
