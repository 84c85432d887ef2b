package dev.switchboard.routing;

import java.util.List;
import java.util.Optional;

/** The teams. */
public interface Teams {

    /** Stores a new team; false when the name is taken. */
    boolean create(Team team);

    Optional<Team> find(String name);

    List<Team> list();

    void update(Team team);

    /** Removes the team; false when there was no such team. */
    boolean delete(String name);

    /** How many agents the team has. */
    int agentCount(String name);
}
