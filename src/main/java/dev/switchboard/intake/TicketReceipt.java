package dev.switchboard.intake;

import java.time.Instant;

import dev.switchboard.ticket.Ticket;

/** The answer to an accepted ticket: where it is and where it stands. */
public record TicketReceipt(String id, String status, String channel, String priority, Instant createdAt) {

    static TicketReceipt of(Ticket ticket) {
        return new TicketReceipt(ticket.id().value(), ticket.status().wireName(), ticket.channel().wireName(),
                ticket.priority().name(), ticket.createdAt());
    }
}
