package dev.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Routing as a lead sees it at one moment: each team's queue (how deep, waiting since when) and each
 * agent (presence, availability, load against capacity).
 */
public record RoutingOverview(List<Queue> queues, List<AgentLoad> agents) {

    public RoutingOverview {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
    }

    /** @param oldestSince when the longest-waiting ticket was received; empty for an empty queue */
    public record Queue(String team, int depth, Optional<Instant> oldestSince) {
    }

    public record AgentLoad(String id, String team, Presence presence, boolean available, int load, int capacity) {
    }

    public List<Queue> queuesOf(String team) {
        return queues.stream().filter(q -> q.team().equals(team)).toList();
    }

    public List<AgentLoad> agentsOf(String team) {
        return agents.stream().filter(a -> a.team().equals(team)).toList();
    }
}
