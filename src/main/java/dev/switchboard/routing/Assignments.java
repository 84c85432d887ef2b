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

    /** One change routing made to a ticket. */
    sealed interface Change {
        TicketId ticketId();

        String agentId();

        Instant at();
    }

    /** Offered to an agent, with why: the ticket's status is assigned, its assignee that agent. */
    record Offered(Assignment assignment, Instant at) implements Change {
        @Override
        public TicketId ticketId() {
            return assignment.ticket().id();
        }

        @Override
        public String agentId() {
            return assignment.agentId();
        }
    }

    /** The agent took the offer: the ticket is theirs (status open). */
    record Acknowledged(TicketId ticketId, String agentId, Instant at) implements Change {
    }

    /** The offer is taken back (no ack in time, agent gone): the ticket waits in its queue again. */
    record Withdrawn(TicketId ticketId, String agentId, String why, Instant at) implements Change {
    }

    /** The agent resolved the ticket they held, or handed it back to its queue. */
    record Finished(TicketId ticketId, String agentId, boolean resolved, Instant at) implements Change {
    }

    /** A ticket routing must hold on to: waiting, offered or acknowledged. */
    record Unfinished(Ticket ticket, Optional<String> assignee, boolean acknowledged) {
    }

    /**
     * Stores the changes of one routing step, in their order, in one transaction: all of them or none.
     * A change that no longer fits the stored ticket (an ack or a finish by an agent who does not hold
     * it, a withdrawal of an offer already answered) changes nothing and logs no event.
     */
    void record(List<Change> changes);

    /** Every triaged ticket not yet resolved or closed, for routing to take up after a start. */
    List<Unfinished> unfinished();

    /** The tickets waiting in a queue (neither offered nor held), oldest first: what a sweep looks for. */
    default List<Unfinished> waiting() {
        return unfinished().stream().filter(u -> u.assignee().isEmpty()).toList();
    }
}
