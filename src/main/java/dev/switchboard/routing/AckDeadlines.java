package dev.switchboard.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import dev.switchboard.ticket.TicketId;

/**
 * The offers waiting for their acknowledgement, each with the moment it runs out. Every offer has the
 * same time to be acknowledged, so the order of offering is the order of running out: one timer, set
 * for the oldest, serves them all. An acknowledged offer leaves at once.
 *
 * <p>The earlier design, one scheduled task per offer, kept each task alive for the whole timeout (30 s
 * by default) whether it was acknowledged in a millisecond or not: at 1,000 offers a second, 30,000 tasks,
 * which every young collection copied again until they were old enough to be promoted
 * (docs/benchmarks.md, "Garbage-collection pauses are the tail at 1,000/s"). Routing thread only.
 */
final class AckDeadlines {

    /** The agent an offer went to, and when it runs out ({@link System#nanoTime} scale). */
    record Pending(TicketId ticketId, String agentId, long dueNanos) {
    }

    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    /** By offer, oldest first; at most one entry a ticket (its latest offer). */
    private final LinkedHashMap<TicketId, Pending> pending = new LinkedHashMap<>();

    AckDeadlines(Duration timeout, LongSupplier nanoTime) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The ticket was offered to the agent now: it runs out one timeout from now (an earlier offer of it no longer counts). */
    void offered(TicketId ticketId, String agentId) {
        pending.remove(ticketId); // to the end of the order, with the new deadline
        pending.put(ticketId, new Pending(ticketId, agentId, nanoTime.getAsLong() + timeoutNanos));
    }

    /** The offer was acknowledged: it no longer runs out. */
    void acknowledged(TicketId ticketId) {
        pending.remove(ticketId);
    }

    /** Removes and returns the offers that have run out, oldest first. */
    List<Pending> due() {
        long now = nanoTime.getAsLong();
        List<Pending> out = new ArrayList<>();
        for (Iterator<Map.Entry<TicketId, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Pending next = it.next().getValue();
            if (next.dueNanos() - now > 0) {
                break;
            }
            out.add(next);
            it.remove();
        }
        return out;
    }

    /** How long until the oldest offer runs out (zero when it has); empty when none waits. */
    OptionalLong nanosToNext() {
        if (pending.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, pending.firstEntry().getValue().dueNanos() - nanoTime.getAsLong()));
    }

    int size() {
        return pending.size();
    }

    void clear() {
        pending.clear();
    }
}
