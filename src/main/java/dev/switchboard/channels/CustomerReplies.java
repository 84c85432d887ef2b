package dev.switchboard.channels;

import java.util.Optional;

import dev.switchboard.ticket.TicketId;

/** Where a customer's answer to a ticket goes, from whichever channel it came. */
public interface CustomerReplies {

    /**
     * Adds the customer's message to their ticket (opening a resolved one again) and answers its id;
     * empty when the ticket does not exist, is not this customer's, or takes no more replies (closed):
     * then the message is a new ticket.
     */
    Optional<String> reply(TicketId ticket, String customerEmail, String text);

    /** The longest text a reply may have, in Unicode code points. */
    int replyMaxChars();
}
