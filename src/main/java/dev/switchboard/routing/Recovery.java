package dev.switchboard.routing;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;

/**
 * Takes up, from the store, the agents and unfinished tickets of the teams a node routes that its router
 * does not have yet: at a start, when the node is given more teams (a rebalance on the Kafka backbone),
 * and at each sweep for tickets left waiting. An acknowledged ticket stays with its agent; an offer not
 * acknowledged is withdrawn (its agent hears of it, wherever they are connected) and routed again: an
 * offer nobody acknowledged before a crash is not trusted. On the routing thread only.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    /** {@link RoutingStage}'s tickets offered or waiting, as pushed to agents. */
    private final Map<TicketId, Ticket> unacknowledged;
    private final Agents agents;
    private final LivePush push;
    private final RoutingProperties properties;

    Recovery(Map<TicketId, Ticket> unacknowledged, Agents agents, LivePush push, RoutingProperties properties) {
        this.unacknowledged = unacknowledged;
        this.agents = agents;
        this.push = push;
        this.properties = properties;
    }

    /** Takes up the agents of {@code teams} and, of the store's tickets {@code found}, those of {@code teams}. */
    void takeUp(Router router, RoutingStep step, Predicate<String> teams, List<Assignments.Unfinished> found) {
        agents.list().stream().filter(agent -> teams.test(agent.team()) && router.agent(agent.id()).isEmpty())
                .forEach(agent -> router.upsertAgent(agent.routingState(Presence.OFFLINE)));
        int waiting = 0;
        int held = 0;
        for (Assignments.Unfinished unfinished : found) {
            WaitingTicket ticket = properties.waiting(unfinished.ticket());
            if (!teams.test(ticket.team()) || router.isWaiting(ticket.id()) || router.holderOf(ticket.id()).isPresent()) {
                continue;
            }
            if (unfinished.acknowledged() && unfinished.assignee().isPresent()
                    && router.restore(ticket, unfinished.assignee().get())) {
                held++;
            } else {
                unfinished.assignee().ifPresent(agentId -> {
                    step.change(new Assignments.Withdrawn(ticket.id(), agentId, "offer not acknowledged before routing moved", step.at()));
                    push.withdrawn(agentId, ticket.id(), "routing moved");
                });
                unacknowledged.put(ticket.id(), unfinished.ticket());
                step.offer(router.submit(ticket)); // nothing at a start (every agent offline yet); at a rebalance or a sweep, offers
                waiting++;
            }
        }
        log.info("routing took up {} waiting and {} held tickets", waiting, held);
    }
}
