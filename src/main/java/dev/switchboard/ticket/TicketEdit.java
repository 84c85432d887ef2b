package dev.switchboard.ticket;

import java.util.Objects;
import java.util.Optional;

/**
 * A person's change to a ticket's fields, as a PATCH sends it: a field left empty stays as it is.
 *
 * @param status   open, pending, resolved, closed, or queued (back to its queue, held by nobody)
 * @param team     filled in from the category's team when only the category is given
 * @param assignee the agent (user id) who holds the ticket from now on
 */
public record TicketEdit(Optional<TicketStatus> status, Optional<Priority> priority, Optional<String> category,
                         Optional<String> team, Optional<String> assignee) {

    public TicketEdit {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(assignee, "assignee");
    }

    public boolean isEmpty() {
        return status.isEmpty() && priority.isEmpty() && category.isEmpty() && team.isEmpty() && assignee.isEmpty();
    }

    public TicketEdit withTeam(String newTeam) {
        return new TicketEdit(status, priority, category, Optional.of(newTeam), assignee);
    }
}
