package dev.switchboard.routing;

import java.util.Objects;
import java.util.Set;

/**
 * What the router knows of an agent: who they are, what they can do, and whether they can take work
 * now. Load is the router's own count, not part of this.
 *
 * @param skills    the categories the agent knows
 * @param capacity  the most tickets the agent holds at once; a hard limit
 * @param available the agent's own toggle; off means no new work even while online
 */
public record AgentState(String id, String team, Set<String> skills, String region, int capacity, Presence presence,
                         boolean available) {

    public AgentState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(team, "team");
        skills = Set.copyOf(skills);
        Objects.requireNonNull(region, "region");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        Objects.requireNonNull(presence, "presence");
    }

    /** Online and available: may be offered new work when there is room. */
    public boolean isReceiving() {
        return presence == Presence.ONLINE && available;
    }

    public AgentState withPresence(Presence next) {
        return new AgentState(id, team, skills, region, capacity, next, available);
    }

    public AgentState withCapacity(int next) {
        return new AgentState(id, team, skills, region, next, presence, available);
    }

    public AgentState withAvailable(boolean next) {
        return new AgentState(id, team, skills, region, capacity, presence, next);
    }
}
