package dev.switchboard.routing;

import java.util.List;
import java.util.Objects;

/**
 * A ticket offered to an agent, with why: every candidate's score by factor, and why the others
 * were passed over. The agent must acknowledge it in time or it is taken back.
 */
public record Assignment(WaitingTicket ticket, String agentId, List<Candidate> candidates) {

    public Assignment {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(agentId, "agentId");
        candidates = List.copyOf(candidates);
    }

    /**
     * One agent considered for the ticket.
     *
     * @param passedOver why the agent could not take it (empty when they could)
     */
    public record Candidate(String agentId, double skill, double region, double idleness, double score, int load,
                            String passedOver) {
    }
}
