package dev.switchboard.store;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.ticket.TicketEvent;

/**
 * Appends to the tickets' event log: the one place that writes it, in the caller's transaction, with
 * the webhook deliveries the events make.
 */
final class JdbcEventLog {

    private static final String INSERT =
            "INSERT INTO ticket_events (ticket_id, type, actor, detail, occurred_at) VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final JdbcWebhooks webhooks;

    JdbcEventLog(JdbcTemplate jdbc, JsonColumns json, JdbcWebhooks webhooks) {
        this.jdbc = jdbc;
        this.json = json;
        this.webhooks = webhooks;
    }

    void append(List<TicketEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, events, events.size(), (ps, event) -> {
            ps.setString(1, event.ticketId().value());
            ps.setString(2, event.type());
            ps.setString(3, event.actor().toString());
            ps.setString(4, json.write(event.detail()));
            ps.setObject(5, Columns.timestamp(event.at()));
        });
        // The outbox: the events' webhook deliveries go in the same transaction, so that an announced event
        // happened and a stored one is announced. Without subscriptions this costs nothing.
        JdbcWebhooks.insert(jdbc, dev.switchboard.channels.WebhookEvents.deliveries(events, webhooks.cached(), java.time.Instant.now()));
    }
}
