package dev.switchboard.routing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ticket offered to an agent, with why: the chosen agent and the best of the others with their
 * scores by factor and why they were passed over ({@code candidates}, at most {@link Router#EXPLAINED}),
 * and how many of the rest were passed over for each reason ({@code others}). The agent must
 * acknowledge it in time or it is taken back.
 */
public record Assignment(WaitingTicket ticket, String agentId, List<Candidate> candidates, Map<String, Integer> others) {

    public Assignment {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(agentId, "agentId");
        candidates = List.copyOf(candidates);
        others = Map.copyOf(others);
    }

    /** Everyone considered, listed or counted. */
    public int considered() {
        return candidates.size() + others.values().stream().mapToInt(Integer::intValue).sum();
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
