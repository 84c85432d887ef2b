package dev.switchboard.ticket;

import java.util.Objects;

/** Who did something to a ticket, as recorded in its event log: {@code kind:id}, e.g. {@code api_key:01H...}. */
public record Actor(Kind kind, String id) {

    public enum Kind {
        CUSTOMER, USER, API_KEY, SYSTEM;

        private final String prefix = name().toLowerCase(java.util.Locale.ROOT) + ":";
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "switchboard");

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Actor parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not an actor: " + text);
        }
        return new Actor(Kind.valueOf(text.substring(0, colon).toUpperCase(java.util.Locale.ROOT)), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind.prefix + id;
    }
}
