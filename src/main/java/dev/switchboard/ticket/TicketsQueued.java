package dev.switchboard.ticket;

import java.util.List;

/** Tickets were stored triaged and wait in their teams' queues: routing takes them from here. */
public record TicketsQueued(List<Ticket> tickets) {

    public TicketsQueued {
        tickets = List.copyOf(tickets);
    }
}
