package dev.switchboard.intake;

import dev.switchboard.ticket.Ticket;

/** What became of one {@link Admission} once its transaction committed. */
public sealed interface IntakeOutcome {

    /** The ticket is new and now durable. */
    record Stored(Ticket ticket) implements IntakeOutcome {
    }

    /** A retry: the key was used before with the same request, so this is the ticket stored then. */
    record Replayed(Ticket ticket) implements IntakeOutcome {
    }

    /** A duplicate of an open ticket: stored as a message of {@code joined}, which is shown as it is now. */
    record Merged(Ticket joined) implements IntakeOutcome {
    }

    /** The key was used before with a different request; nothing was stored. */
    record KeyReused(String key) implements IntakeOutcome {
    }
}
