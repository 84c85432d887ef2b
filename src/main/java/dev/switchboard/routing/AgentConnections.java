package dev.switchboard.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The nodes each agent is connected on, as their signals say: an agent is online while there is one.
 * On one node that is this node alone; on the Kafka backbone an agent may have a connection on each of
 * several nodes. Routing thread only.
 */
final class AgentConnections {

    private final Map<String, Set<String>> nodesByAgent = new HashMap<>();

    /** A connection of the agent opened on this node. */
    void opened(String agentId, String node) {
        nodesByAgent.computeIfAbsent(agentId, id -> new HashSet<>()).add(node);
    }

    /**
     * A connection of the agent on this node closed: whether that was their last anywhere (so too when
     * none was known, as after a start), which makes them offline.
     */
    boolean closed(String agentId, String node) {
        Set<String> nodes = nodesByAgent.get(agentId);
        if (nodes == null) {
            return true;
        }
        nodes.remove(node);
        if (!nodes.isEmpty()) {
            return false;
        }
        nodesByAgent.remove(agentId);
        return true;
    }

    /** The nodes in the cluster now: the agents all of whose connections were on nodes that left, forgotten. */
    List<String> leftWithout(Set<String> alive) {
        List<String> gone = new ArrayList<>();
        nodesByAgent.entrySet().removeIf(entry -> {
            boolean lost = entry.getValue().retainAll(alive) && entry.getValue().isEmpty();
            if (lost) {
                gone.add(entry.getKey());
            }
            return lost;
        });
        return gone;
    }

    /** Forgets the agents routing no longer has (their teams went to another node, whose routing hears of them). */
    void keepOnly(Predicate<String> routed) {
        nodesByAgent.keySet().removeIf(routed.negate());
    }

    void clear() {
        nodesByAgent.clear();
    }
}
