package dev.switchboard.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.TicketStatus;

/**
 * How routing follows a person's change to a ticket, as stored (made on this node, or on another and
 * announced): a ticket resolved or closed frees its agent's room; one put back in a queue (perhaps
 * another team's) waits there; one given to an agent is theirs and is pushed to them. An agent who
 * loses a ticket they held hears of it, unless the change was their own. On the routing thread only.
 */
final class PersonChanges {

    private static final Logger log = LoggerFactory.getLogger(PersonChanges.class);

    /** {@link RoutingStage}'s tickets offered or waiting, as pushed to agents. */
    private final Map<TicketId, Ticket> unacknowledged;
    private final Agents agents;
    private final LivePush push;
    private final RoutingProperties properties;

    PersonChanges(Map<TicketId, Ticket> unacknowledged, Agents agents, LivePush push, RoutingProperties properties) {
        this.unacknowledged = unacknowledged;
        this.agents = agents;
        this.push = push;
        this.properties = properties;
    }

    /**
     * Follows the ticket as it is after the change: within the router for a team this node routes; for one
     * it does not (the ticket moved to another node's team), it lets the ticket go, freeing its agent's room.
     */
    void follow(Router router, RoutingStep step, Predicate<String> owns, Ticket after, Actor by) {
        TicketId id = after.id();
        Optional<String> holder = router.holderOf(id);
        if (owns.test(after.team())) {
            within(router, step, after, holder);
        } else if (holder.isPresent() || router.isWaiting(id)) {
            unacknowledged.remove(id);
            step.offer(router.release(id));
        }
        holder.filter(former -> !after.assignee().equals(Optional.of(former)))
                .filter(former -> !by.id().equals(former)) // their own change: they know
                .ifPresent(former -> push.withdrawn(former, id, "changed by " + by));
    }

    /** @param holder who held the ticket before the change */
    private void within(Router router, RoutingStep step, Ticket after, Optional<String> holder) {
        TicketId id = after.id();
        if (!after.status().isOpen()) {
            unacknowledged.remove(id);
            step.offer(router.release(id));
        } else if (!after.status().isHeld()) {
            unacknowledged.put(id, after);
            step.offer(router.requeue(properties.waiting(after)));
        } else {
            String assignee = after.assignee().orElseThrow();
            if (holder.filter(assignee::equals).isPresent()) {
                router.amend(properties.waiting(after));
                if (after.status() != TicketStatus.ASSIGNED && router.acknowledge(id, assignee)) {
                    unacknowledged.remove(id);
                }
                return;
            }
            if (router.agent(assignee).isEmpty()) { // not connected since the start: offline, but theirs all the same
                agents.find(assignee).ifPresent(agent -> step.offer(router.upsertAgent(agent.routingState(Presence.OFFLINE))));
            }
            if (router.agent(assignee).isPresent()) {
                unacknowledged.remove(id);
                WaitingTicket given = properties.waiting(after);
                step.offer(router.assign(given, assignee));
                push.given(new Assignment(given, assignee, List.of(), Map.of()), after);
            } else {
                log.warn("ticket {} was given to {}, who is not an agent; it stays out of routing until it is queued again",
                        id, assignee);
            }
        }
    }
}
