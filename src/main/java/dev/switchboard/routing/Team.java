package dev.switchboard.routing;

import java.util.Objects;
import java.util.Set;

/** A team of agents and the categories its queue takes. */
public record Team(String name, Set<String> categories) {

    public Team {
        Objects.requireNonNull(name, "name");
        categories = Set.copyOf(categories);
    }
}
