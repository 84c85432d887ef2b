package dev.switchboard.routing;

import java.util.Objects;
import java.util.Set;

/**
 * An agent's stored profile: the user they sign in as, their team, skills (categories), region,
 * capacity (most tickets at once) and their own availability toggle.
 */
public record Agent(String id, String email, String name, String team, Set<String> skills, String region, int capacity,
                    boolean available) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(team, "team");
        skills = Set.copyOf(skills);
        Objects.requireNonNull(region, "region");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
    }

    /** What the router needs to know, with the agent's live presence. */
    public AgentState routingState(Presence presence) {
        return new AgentState(id, team, skills, region, capacity, presence, available);
    }
}
