package dev.switchboard.routing;

import java.util.List;
import java.util.Optional;

/** Agents' routing profiles. Creating one creates the user it signs in as. */
public interface Agents {

    /** Stores the agent and its user (role agent) with the given password hash. */
    void create(Agent agent, String passwordHash, java.time.Instant at);

    Optional<Agent> find(String id);

    List<Agent> list();

    void update(Agent agent);

    void changePassword(String id, String passwordHash);

    /** Removes the agent, its user and its sign-in tokens; false when there was no such agent. */
    boolean delete(String id);
}
