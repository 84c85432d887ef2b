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
 */
public record WaitingTicket(TicketId id, String team, String category, String region, Priority priority, Instant slaDue,
                            Instant receivedAt) {

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
}
