package dev.switchboard.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * A message in a ticket's conversation after its opening text: a customer's follow-up (a merged
 * duplicate, a reply), an agent's reply, or an internal note.
 */
public record Message(String id, TicketId ticketId, Actor author, String body, boolean internal, Instant at) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
    }

    /** The text of a duplicate that joined {@code joined}, as the customer's next message. */
    public static Message fromDuplicate(Ticket joined, Ticket duplicate, Actor by) {
        return new Message(duplicate.id().value(), joined.id(), by, duplicate.text(), false, duplicate.createdAt());
    }
}
