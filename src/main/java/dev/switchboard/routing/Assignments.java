package dev.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;

/**
 * Routing's record of who holds which ticket, kept with the ticket so that a restart knows: offered
 * (status assigned), acknowledged (status open), or taken back (status queued again). Every change is
 * an event in the ticket's log, with the routing decision's explanation.
 */
public interface Assignments {

    /** A ticket the router offered to an agent, and why. */
    record Offer(Assignment assignment, Instant at) {
    }

    /** A ticket routing must hold on to: waiting, offered or acknowledged. */
    record Unfinished(Ticket ticket, Optional<String> assignee, boolean acknowledged) {
    }

    void offered(List<Offer> offers);

    void acknowledged(TicketId ticketId, String agentId, Instant at);

    /** The offer is taken back (no ack in time, agent gone): the ticket waits in its queue again. */
    void withdrawn(List<TicketId> ticketIds, String agentId, String why, Instant at);

    /** The agent resolved the ticket they hold; false when they do not hold it. */
    boolean resolved(TicketId ticketId, String agentId, Instant at);

    /** The agent handed the ticket back: it waits in its queue again; false when they do not hold it. */
    boolean handedBack(TicketId ticketId, String agentId, Instant at);

    /** Every triaged ticket not yet resolved or closed, for routing to take up after a start. */
    List<Unfinished> unfinished();
}
