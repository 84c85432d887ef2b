package dev.switchboard.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketId;

/**
 * A ticket as routing sees it: which queue it waits in (its team's), what it is about, where its
 * customer is, and how urgent it is.
 *
 * @param slaDue when the first response is due; tickets due sooner go first within a priority
 * @param offeredBefore whether an agent was offered or held it before it came (back) to this queue: its next
 *                      offer is a re-offer, not the end of its way from intake (which the latency metrics time)
 */
public record WaitingTicket(TicketId id, String team, String category, String region, Priority priority, Instant slaDue,
                            Instant receivedAt, boolean offeredBefore) {

    /** Queue order: priority, then SLA due time, then age, then id (ULIDs sort by creation). */
    public static final Comparator<WaitingTicket> QUEUE_ORDER = Comparator.comparing(WaitingTicket::priority)
            .thenComparing(WaitingTicket::slaDue)
            .thenComparing(WaitingTicket::receivedAt)
            .thenComparing(WaitingTicket::id);

    public WaitingTicket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(slaDue, "slaDue");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A ticket no agent was offered yet. */
    public WaitingTicket(TicketId id, String team, String category, String region, Priority priority, Instant slaDue,
                         Instant receivedAt) {
        this(id, team, category, region, priority, slaDue, receivedAt, false);
    }

    /** The same ticket, back in a queue after an agent was offered or held it. */
    public WaitingTicket offeredAgain() {
        return offeredBefore ? this : new WaitingTicket(id, team, category, region, priority, slaDue, receivedAt, true);
    }
}
