package dev.switchboard.workspace;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.TicketQuery.Position;

/**
 * Cursors of ticket lists: a ticket's place in queue order (priority, creation time, id), opaque to
 * clients (URL-safe Base64), so that a page starts right after the previous one whatever changed since.
 */
final class Cursors {

    private Cursors() {
    }

    static String encode(Position position) {
        String plain = position.priority().name() + "|" + position.createdAt() + "|" + position.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; empty when it is not one of ours. */
    static Optional<Position> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Optional<Priority> priority = Priority.parse(parts[0]);
            Optional<TicketId> id = TicketId.parse(parts[2]);
            if (priority.isEmpty() || id.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Position(priority.get(), Instant.parse(parts[1]), id.get()));
        } catch (IllegalArgumentException | DateTimeParseException notOurs) {
            return Optional.empty();
        }
    }
}
