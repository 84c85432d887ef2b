package dev.switchboard.store;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.ticket.Message;

/** Appends to tickets' conversations: the one place that writes messages, in the caller's transaction. */
final class JdbcConversation {

    private static final String INSERT =
            "INSERT INTO messages (id, ticket_id, author, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    JdbcConversation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, messages, messages.size(), (ps, m) -> {
            ps.setString(1, m.id());
            ps.setString(2, m.ticketId().value());
            ps.setString(3, m.author().toString());
            ps.setString(4, m.body());
            ps.setBoolean(5, m.internal());
            ps.setObject(6, Columns.timestamp(m.at()));
        });
    }
}
