package dev.switchboard.triage.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;

/**
 * A named business rule: when every condition holds, its action decides the ticket. An override rule
 * decides before the classifier; the others are the keyword fallback, used when the classifier is
 * absent or unhealthy.
 */
public record TriageRule(String name, List<Condition> conditions, Action action, boolean overridesModel) {

    public TriageRule {
        Objects.requireNonNull(name, "name");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(action, "action");
    }

    public boolean matches(Ticket ticket) {
        return conditions.stream().allMatch(c -> c.test(ticket));
    }

    /** What a matching rule sets. A rule sets a category, a team, or both; priority and tags are optional. */
    public record Action(Optional<String> category, Optional<String> team, Optional<Priority> priority, List<String> tags) {
        public Action {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(priority, "priority");
            tags = List.copyOf(tags);
        }
    }
}
