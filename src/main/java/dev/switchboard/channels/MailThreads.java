package dev.switchboard.channels;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.switchboard.ticket.TicketId;

/** The Message-IDs of every mail a ticket's thread holds, received or sent: how email threads. */
public interface MailThreads {

    String INBOUND = "in";
    String OUTBOUND = "out";

    /** Notes that a mail belongs to a ticket; a Message-ID already noted keeps its ticket. */
    void record(String messageId, TicketId ticket, String direction, Instant at);

    /** The ticket the first of these Message-IDs that Switchboard knows belongs to. */
    Optional<TicketId> ticketOf(Collection<String> messageIds);

    /** The ticket's Message-IDs, oldest first, the last {@code most} of them. */
    List<String> thread(TicketId ticket, int most);

    /** The customer's latest mail on the ticket: what an agent's reply answers. */
    Optional<String> lastInbound(TicketId ticket);
}
