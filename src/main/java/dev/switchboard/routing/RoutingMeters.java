package dev.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * What routing shows in /actuator/prometheus: the time from a ticket's acceptance to its first offer,
 * the offers by kind (first or again), each team's queue depth, and the backlog intake has handed over.
 * A ticket's later offers (after a timeout, a hand-back, a disconnect, a requeue) are counted but not
 * timed: its time to assign is its way from intake, once.
 */
final class RoutingMeters {

    private final MeterRegistry meters;
    private final Timer timeToAssign;
    private final Counter firstOffers;
    private final Counter reOffers;
    /** Queue depth by team, as of the last routing step; a gauge each, registered on a team's first step. */
    private final Map<String, AtomicInteger> depths = new ConcurrentHashMap<>();

    RoutingMeters(MeterRegistry meters, AtomicInteger backlog) {
        this.meters = meters;
        this.timeToAssign = Timer.builder("switchboard.routing.time.to.assign")
                .description("From a ticket's acceptance to its first offer to an agent (waiting in the queue included)")
                .publishPercentileHistogram()
                .register(meters);
        this.firstOffers = offers(meters, "first", "a ticket's first offer");
        this.reOffers = offers(meters, "again", "a ticket offered again (after a timeout, a hand-back, a disconnect, a requeue)");
        meters.gauge("switchboard.routing.backlog", backlog);
    }

    private static Counter offers(MeterRegistry meters, String kind, String description) {
        return Counter.builder("switchboard.routing.offers").tag("kind", kind)
                .description("Offers pushed to agents: " + description).register(meters);
    }

    /** An offer stored and about to be pushed, at {@code now}. */
    void offered(WaitingTicket ticket, Instant now) {
        if (ticket.offeredBefore()) {
            reOffers.increment();
        } else {
            firstOffers.increment();
            timeToAssign.record(Duration.between(ticket.receivedAt(), now));
        }
    }

    /** The queues' depths after a routing step. */
    void depths(Map<String, Integer> byTeam) {
        byTeam.forEach((team, depth) -> depths.computeIfAbsent(team, t -> {
            var gauge = new AtomicInteger();
            meters.gauge("switchboard.routing.queue.depth", Tags.of("team", t), gauge);
            return gauge;
        }).set(depth));
    }

    /** How many tickets wait in the team's queue, as of the last routing step. */
    int waitingIn(String team) {
        AtomicInteger depth = depths.get(team);
        return depth == null ? 0 : depth.get();
    }
}
