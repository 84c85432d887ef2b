package dev.switchboard.ticket;

import java.util.Locale;
import java.util.Optional;

/** Urgency, P1 (most urgent) to P4. Enum order is urgency order, so {@code compareTo} sorts urgent first. */
public enum Priority {
    P1, P2, P3, P4;

    /** The priority a ticket has before triage when the caller did not ask for one. */
    public static final Priority NORMAL = P3;

    public Priority raised() {
        return this == P1 ? P1 : values()[ordinal() - 1];
    }

    public Priority lowered() {
        return this == P4 ? P4 : values()[ordinal() + 1];
    }

    public static Optional<Priority> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notAPriority) {
            return Optional.empty();
        }
    }
}
