package dev.switchboard.ticket;

import java.util.Locale;

/**
 * Where a ticket stands in its life. A ticket starts {@link #RECEIVED} once it is durable;
 * later stages move it on.
 */
public enum TicketStatus {
    /** Accepted and durable, not yet triaged. */
    RECEIVED,
    /** Category, team and priority decided; waiting in a queue. */
    QUEUED,
    /** Offered to an agent. */
    ASSIGNED,
    /** An agent is working on it. */
    OPEN,
    /** Waiting for the customer to answer. */
    PENDING,
    RESOLVED,
    CLOSED;

    /** Received, queued, assigned, open or pending: not yet resolved or closed. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }

    /** Offered to, or held by, an agent: assigned, open or pending. */
    public boolean isHeld() {
        return this == ASSIGNED || this == OPEN || this == PENDING;
    }

    public static java.util.Optional<TicketStatus> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notAStatus) {
            return java.util.Optional.empty();
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
