package dev.switchboard.channels;

import java.util.Optional;

import dev.switchboard.ticket.TicketId;

/** Customers' private links to their tickets, for the mail that goes to them. */
public interface TicketLinks {

    /** The customer's tracking link; empty when Switchboard's public address is not configured. */
    Optional<String> customerLink(TicketId ticket);
}
