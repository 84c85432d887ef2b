package dev.switchboard.routing;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes to agents that routing must hear of at once: stored, then handed to the routing stage,
 * whoever makes them (the admin API, the agent's own switch in the API or the web UI).
 */
public class AgentRoster {

    private final Agents agents;
    private final RoutingStage routing;

    public AgentRoster(Agents agents, RoutingStage routing) {
        this.agents = agents;
        this.routing = routing;
    }

    /**
     * Stores a new agent and its user; routing knows them from now on (offline until they connect, but a
     * lead may give them tickets).
     *
     * @throws org.springframework.dao.DuplicateKeyException when a user has the email already
     */
    public Agent create(Agent agent, String passwordHash, java.time.Instant at) {
        agents.create(agent, passwordHash, at);
        routing.changed(agent);
        return agent;
    }

    /** Applies {@code change} to the stored agent; empty when there is no such agent. */
    public Optional<Agent> update(String id, UnaryOperator<Agent> change) {
        return agents.find(id).map(current -> {
            Agent changed = change.apply(current);
            agents.update(changed);
            routing.changed(changed);
            return changed;
        });
    }

    /** The agent's own switch: off, they are offered nothing new; on, waiting tickets come at once. */
    public Optional<Agent> setAvailable(String id, boolean available) {
        return update(id, a -> new Agent(a.id(), a.email(), a.name(), a.team(), a.skills(), a.region(), a.capacity(), available));
    }
}
