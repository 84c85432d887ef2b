package dev.switchboard.ticket;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A ticket's identity: a ULID (26 Crockford base-32 characters), so ids sort by creation time.
 * Generation is the intake's job; this type only guarantees the shape.
 */
public record TicketId(String value) implements Comparable<TicketId> {

    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    public TicketId {
        Objects.requireNonNull(value, "value");
        if (!ULID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a ULID: " + value);
        }
    }

    /** Parses user input, which may be lower case; empty when it is not a ULID. */
    public static java.util.Optional<TicketId> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        return ULID.matcher(upper).matches() ? java.util.Optional.of(new TicketId(upper)) : java.util.Optional.empty();
    }

    @Override
    public int compareTo(TicketId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
