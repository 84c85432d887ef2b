package dev.switchboard.intake;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Ticket;

/**
 * The answer to an accepted ticket: where it is and where it stands, with triage's decision.
 *
 * @param category         empty only for a ticket not triaged yet
 * @param needsHumanReview the classifier was unsure; a person will check the category
 * @param merged           true when this submission joined an open ticket (this one) as a message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketReceipt(String id, String status, String channel, String priority, String category, String team,
                            Boolean needsHumanReview, Boolean merged, Instant createdAt) {

    static TicketReceipt of(Ticket ticket) {
        return of(ticket, false);
    }

    static TicketReceipt of(Ticket ticket, boolean merged) {
        Classification c = ticket.classification().orElse(null);
        return new TicketReceipt(ticket.id().value(), ticket.status().wireName(), ticket.channel().wireName(),
                ticket.priority().name(), c == null ? null : c.category(), c == null ? null : c.team(),
                c == null ? null : c.needsHumanReview(), merged ? Boolean.TRUE : null, ticket.createdAt());
    }
}
