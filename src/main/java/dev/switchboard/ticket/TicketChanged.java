package dev.switchboard.ticket;

import java.util.List;
import java.util.Objects;

/**
 * A ticket as a person changed it: before and after (one version apart), who did it, and the events
 * that record it. Routing follows it: a resolved ticket frees its agent, a ticket moved to another team
 * waits in that team's queue, a ticket given to an agent is theirs.
 */
public record TicketChanged(Ticket before, Ticket after, Actor by, List<TicketEvent> events) {

    public TicketChanged {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(by, "by");
        events = List.copyOf(events);
    }
}
