package dev.switchboard.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which tickets to list, in queue order (priority, then age): every filter that is set must match, an
 * empty set matches anything.
 *
 * @param visibleTo  who asks, as the tickets they may see: empty for everything
 * @param text       words that must appear in the subject or body (case-insensitive)
 * @param after      the position after which the page starts (from the previous page's last ticket)
 * @param limit      the most tickets on a page
 */
public record TicketQuery(Optional<Visibility> visibleTo, Set<TicketStatus> statuses, Set<Priority> priorities,
                          Set<String> teams, Set<String> assignees, Set<String> categories,
                          Optional<Boolean> needsHumanReview, Optional<String> text, Optional<Position> after, int limit) {

    public TicketQuery {
        Objects.requireNonNull(visibleTo, "visibleTo");
        statuses = Set.copyOf(statuses);
        priorities = Set.copyOf(priorities);
        teams = Set.copyOf(teams);
        assignees = Set.copyOf(assignees);
        categories = Set.copyOf(categories);
        Objects.requireNonNull(needsHumanReview, "needsHumanReview");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /**
     * The tickets a person may see: those of their team, and those they hold themselves (an agent
     * keeps a ticket that moved to another team while they hold it).
     */
    public record Visibility(String team, Optional<String> holder) {
        public Visibility {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(holder, "holder");
        }

        public boolean allows(Ticket ticket) {
            return ticket.classification().filter(c -> c.team().equals(team)).isPresent()
                    || holder.isPresent() && ticket.assignee().equals(holder);
        }
    }

    /** A ticket's place in queue order: where the next page begins. */
    public record Position(Priority priority, Instant createdAt, TicketId id) {
        public Position {
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(id, "id");
        }

        public static Position of(Ticket ticket) {
            return new Position(ticket.priority(), ticket.createdAt(), ticket.id());
        }
    }
}
