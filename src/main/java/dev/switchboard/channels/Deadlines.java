package dev.switchboard.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketId;

/** The tickets' SLA targets as stored: which are overdue, which were missed. */
public interface Deadlines {

    /** Which target. */
    enum Target {
        FIRST_RESPONSE, RESOLUTION;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An open ticket past a target it has not met, not yet recorded as breached. */
    record Overdue(TicketId ticketId, Priority priority, String team, Target target, Instant due) {
        public Overdue {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(due, "due");
        }
    }

    /** At most {@code limit} tickets overdue at {@code now} by the targets, first response before resolution. */
    List<Overdue> overdue(Instant now, Map<Priority, Duration> firstResponse, Map<Priority, Duration> resolution, int limit);

    /** Records the breaches on their tickets, each with an {@code sla_breached} event (and so its notifications). */
    void breached(List<Overdue> overdue, Instant at);

    /** A ticket's SLA as it stands. */
    record Status(Optional<Instant> firstResponseAt, boolean firstResponseBreached, boolean resolutionBreached) {
    }

    Status status(TicketId ticketId);

    /** Open tickets that missed a target, by team. */
    Map<String, Integer> breachedOpenByTeam();
}
