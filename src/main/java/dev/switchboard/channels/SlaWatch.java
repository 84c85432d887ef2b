package dev.switchboard.channels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.ticket.Priority;

/**
 * SLA policies per priority: a first-response target (an agent's first reply to the customer) and a
 * resolution target, both from the ticket's arrival. An open ticket past a target it has not met is
 * breached once: the breach is stored on the ticket, logged in its events ({@code sla_breached}) and
 * so announced (webhooks, Slack), and shown on the ticket and in the lead's view.
 */
public class SlaWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);
    /** Breaches recorded per check: a backlog after an outage is worked off over several checks. */
    private static final int MOST_PER_CHECK = 1_000;

    private final Deadlines deadlines;
    private final Map<Priority, Duration> firstResponse;
    private final Map<Priority, Duration> resolution;
    private final Clock clock;

    public SlaWatch(Deadlines deadlines, Map<Priority, Duration> firstResponse, Map<Priority, Duration> resolution, Clock clock) {
        this.deadlines = deadlines;
        this.firstResponse = Map.copyOf(firstResponse);
        this.resolution = Map.copyOf(resolution);
        this.clock = clock;
    }

    /** Records every breach since the last check; how many. */
    public int check() {
        Instant now = clock.instant();
        List<Deadlines.Overdue> overdue = deadlines.overdue(now, firstResponse, resolution, MOST_PER_CHECK);
        if (!overdue.isEmpty()) {
            deadlines.breached(overdue, now);
            log.warn("{} SLA targets missed (first: ticket {}, {})", overdue.size(), overdue.getFirst().ticketId(),
                    overdue.getFirst().target().wireName());
        }
        return overdue.size();
    }

    /** When a target of a ticket of this priority received at {@code at} is due; empty when there is none. */
    public java.util.Optional<Instant> due(Deadlines.Target target, Priority priority, Instant at) {
        Duration d = (target == Deadlines.Target.FIRST_RESPONSE ? firstResponse : resolution).get(priority);
        return java.util.Optional.ofNullable(d).map(at::plus);
    }
}
