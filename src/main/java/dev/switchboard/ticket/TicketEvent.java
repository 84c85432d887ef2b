package dev.switchboard.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a ticket's append-only event log: who did what, when. Events are never changed or
 * removed once written.
 *
 * @param type   what happened, a lower-case word such as {@code received}
 * @param detail facts about the event, for people reading the log
 */
public record TicketEvent(TicketId ticketId, String type, Actor actor, Map<String, String> detail, Instant at) {

    public static final String RECEIVED = "received";
    public static final String TRIAGED = "triaged";
    public static final String MERGED = "merged";
    public static final String ASSIGNED = "assigned";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String OFFER_WITHDRAWN = "offer_withdrawn";
    public static final String RESOLVED_EVENT = "resolved";
    public static final String HANDED_BACK = "handed_back";
    /** A person changed the status (an agent's resolve over the stream is {@link #RESOLVED_EVENT}). */
    public static final String STATUS_CHANGED = "status_changed";
    public static final String REPRIORITISED = "reprioritised";
    /** An agent changed the category or team: triage had it wrong. */
    public static final String MISROUTED = "misrouted";
    /** A lead or admin changed the category or team. */
    public static final String RECATEGORISED = "recategorised";
    /** A person gave the ticket to an agent. */
    public static final String REASSIGNED = "reassigned";
    public static final String REPLIED = "replied";
    public static final String NOTED = "noted";
    /** A first-response or resolution target passed with the ticket still waiting for it. */
    public static final String SLA_BREACHED = "sla_breached";

    public TicketEvent {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        detail = Map.copyOf(detail);
        Objects.requireNonNull(at, "at");
    }

    /** What triage decided, recorded with who decided it (the rule, the model version, the fallback). */
    public static TicketEvent triaged(Ticket ticket, Classification c) {
        return new TicketEvent(ticket.id(), TRIAGED, Actor.SYSTEM, Map.of(
                "category", c.category(), "team", c.team(), "priority", ticket.priority().name(),
                "confidence", String.format(java.util.Locale.ROOT, "%.4f", c.confidence()),
                "needsHumanReview", Boolean.toString(c.needsHumanReview()), "decidedBy", c.decidedBy()),
                ticket.createdAt());
    }

    /** A duplicate joined this ticket as a message. */
    public static TicketEvent merged(Ticket joined, Ticket duplicate, Actor by) {
        return new TicketEvent(joined.id(), MERGED, by, Map.of("message", duplicate.id().value(),
                "channel", duplicate.channel().wireName(), "priority", joined.priority().name()), duplicate.createdAt());
    }

    public static TicketEvent received(Ticket ticket, Actor by) {
        return new TicketEvent(ticket.id(), RECEIVED, by, Map.of("channel", ticket.channel().wireName()),
                ticket.createdAt());
    }
}
