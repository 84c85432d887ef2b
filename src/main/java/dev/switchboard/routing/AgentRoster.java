package dev.switchboard.routing;

import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.switchboard.backbone.AgentSignal;
import dev.switchboard.backbone.Backbone;

/**
 * Changes to agents that routing must hear of at once: stored, then handed to the routing stage,
 * whoever makes them (the admin API, the agent's own switch in the API or the web UI).
 */
public class AgentRoster {

    private final Agents agents;
    private final Backbone backbone;

    public AgentRoster(Agents agents, Backbone backbone) {
        this.agents = agents;
        this.backbone = backbone;
    }

    private void changed(Agent agent) {
        backbone.signal(AgentSignal.of(AgentSignal.Kind.CHANGED, agent.id(), agent.team(), backbone.node()));
    }

    /**
     * Stores a new agent and its user; routing knows them from now on (offline until they connect, but a
     * lead may give them tickets).
     *
     * @throws org.springframework.dao.DuplicateKeyException when a user has the email already
     */
    public Agent create(Agent agent, String passwordHash, java.time.Instant at) {
        agents.create(agent, passwordHash, at);
        changed(agent);
        return agent;
    }

    /** Applies {@code change} to the stored agent; empty when there is no such agent. */
    public Optional<Agent> update(String id, UnaryOperator<Agent> change) {
        return agents.find(id).map(current -> {
            Agent changed = change.apply(current);
            agents.update(changed);
            changed(changed);
            if (!changed.team().equals(current.team())) { // the former team's routing lets them go (scale-out: another node)
                backbone.signal(AgentSignal.of(AgentSignal.Kind.CHANGED, changed.id(), current.team(), backbone.node()));
            }
            return changed;
        });
    }

    /** Deletes the agent; every ticket they held goes to others. False when there is no such agent. */
    public boolean remove(String id) {
        Optional<Agent> found = agents.find(id);
        if (found.isEmpty() || !agents.delete(id)) {
            return false;
        }
        backbone.signal(AgentSignal.of(AgentSignal.Kind.REMOVED, id, found.get().team(), backbone.node()));
        return true;
    }

    /** The agent's own switch: off, they are offered nothing new; on, waiting tickets come at once. */
    public Optional<Agent> setAvailable(String id, boolean available) {
        return update(id, a -> new Agent(a.id(), a.email(), a.name(), a.team(), a.skills(), a.region(), a.capacity(), available));
    }
}
