package dev.switchboard.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a ticket's append-only event log: who did what, when. Events are never changed or
 * removed once written.
 *
 * @param type   what happened, a lower-case word such as {@code received}
 * @param detail facts about the event, for people reading the log
 */
public record TicketEvent(TicketId ticketId, String type, Actor actor, Map<String, String> detail, Instant at) {

    public static final String RECEIVED = "received";

    public TicketEvent {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        detail = Map.copyOf(detail);
        Objects.requireNonNull(at, "at");
    }

    public static TicketEvent received(Ticket ticket, Actor by) {
        return new TicketEvent(ticket.id(), RECEIVED, by,
                Map.of("channel", ticket.channel().wireName(), "priority", ticket.priority().name()),
                ticket.createdAt());
    }
}
