package dev.switchboard.backbone;

import java.util.Objects;
import java.util.Optional;

import dev.switchboard.ticket.TicketId;

/**
 * Something an agent did on a stream connection, or something that changed about them, for the routing
 * of their team. The store has the agent's profile; a signal names them, their team (its routing
 * owner takes it) and the node it came from (an agent may be connected to several).
 */
public record AgentSignal(Kind kind, String agentId, String team, Optional<TicketId> ticket, String node) {

    public enum Kind {
        /** The agent's first connection on this node opened. */
        CONNECTED,
        /** The agent's last connection on this node closed. */
        DISCONNECTED,
        /** The agent acknowledged an offer ({@code ticket}). */
        ACKNOWLEDGED,
        /** The agent resolved a ticket they hold. */
        RESOLVED,
        /** The agent handed a ticket back. */
        HANDED_BACK,
        /** The agent's profile changed (capacity, skills, team, availability): read it again. */
        CHANGED,
        /** The agent was deleted. */
        REMOVED
    }

    public AgentSignal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(node, "node");
        if (ticket.isEmpty() && (kind == Kind.ACKNOWLEDGED || kind == Kind.RESOLVED || kind == Kind.HANDED_BACK)) {
            throw new IllegalArgumentException(kind + " names a ticket");
        }
    }

    public static AgentSignal of(Kind kind, String agentId, String team, String node) {
        return new AgentSignal(kind, agentId, team, Optional.empty(), node);
    }

    public static AgentSignal about(Kind kind, String agentId, String team, TicketId ticket, String node) {
        return new AgentSignal(kind, agentId, team, Optional.of(ticket), node);
    }
}
