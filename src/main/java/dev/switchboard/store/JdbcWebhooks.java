package dev.switchboard.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.channels.WebhookDelivery;
import dev.switchboard.channels.WebhookSubscription;
import dev.switchboard.channels.Webhooks;
import dev.switchboard.store.redo.RedoScope;

/**
 * Webhook subscriptions and deliveries in a relational database. The subscriptions are also held in
 * memory for the event log, which writes each event's deliveries in its own transaction: a change here
 * is seen by this node's event log at once, by other nodes' within their refresh.
 *
 * <p>Signing secrets are stored sealed ({@link SecretSeal}). One stored before sealing began, or sealed
 * under a previous key, is sealed under the current key when the subscriptions are next read. One this
 * node cannot open (sealed under another node's key) is read as an empty secret, which the dispatcher
 * refuses to sign with, and logged once.
 */
public class JdbcWebhooks implements Webhooks {

    private static final Logger log = LoggerFactory.getLogger(JdbcWebhooks.class);
    private static final String DELIVERY_COLUMNS = "id, subscription_id, type, payload, status, attempts, next_attempt_at, last_error, created_at";

    private final JdbcTemplate jdbc;
    private final SecretSeal seal;
    private volatile List<WebhookSubscription> cached = List.of();
    /** Sealed values this node could not open and has said so (each is logged once). */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    JdbcWebhooks(JdbcTemplate jdbc, SecretSeal seal) {
        this.jdbc = jdbc;
        this.seal = seal;
    }

    /** The subscriptions as last read: what the event log announces events to. */
    List<WebhookSubscription> cached() {
        return cached;
    }

    /** Reads the subscriptions again (another node may have changed them). */
    @Override
    public void refresh() {
        cached = List.copyOf(subscriptions());
    }

    @Override
    public void subscribe(WebhookSubscription s) {
        jdbc.update("INSERT INTO webhook_subscriptions (id, name, url, events, format, secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.name(), s.url().toString(), String.join(",", s.events()), s.format(), seal.seal(s.id(), s.secret()),
                Columns.timestamp(s.createdAt()));
        refresh();
    }

    @Override
    public void configure(WebhookSubscription s) {
        int changed = jdbc.update("UPDATE webhook_subscriptions SET name = ?, url = ?, events = ?, format = ?, secret = ? WHERE id = ?",
                s.name(), s.url().toString(), String.join(",", s.events()), s.format(), seal.seal(s.id(), s.secret()), s.id());
        if (changed == 0) {
            try {
                subscribe(s);
            } catch (org.springframework.dao.DuplicateKeyException anotherNode) {
                // a node starting at the same moment made it
            }
        }
        refresh();
    }

    @Override
    public List<WebhookSubscription> subscriptions() {
        List<WebhookSubscription> stored = jdbc.query(
                "SELECT id, name, url, events, format, secret, created_at FROM webhook_subscriptions ORDER BY created_at",
                (rs, n) -> new WebhookSubscription(rs.getString("id"), rs.getString("name"), URI.create(rs.getString("url")),
                        events(rs.getString("events")), rs.getString("format"), rs.getString("secret"), Columns.instant(rs, "created_at")));
        return stored.stream().map(s -> new WebhookSubscription(s.id(), s.name(), s.url(), s.events(), s.format(),
                secret(s.id(), s.secret()), s.createdAt())).toList();
    }

    /**
     * A subscription's secret as stored: opened; sealed again under the current key if it was stored before
     * sealing or under a previous key; empty if unreadable here.
     */
    private String secret(String id, String stored) {
        try {
            String secret = seal.open(id, stored);
            if (seal.needsSealing(stored)) {
                // Only if it is still the same value: another node may be sealing it at the same moment.
                jdbc.update("UPDATE webhook_subscriptions SET secret = ? WHERE id = ? AND secret = ?", seal.seal(id, secret), id, stored);
            }
            return secret;
        } catch (SecretSeal.Unreadable unreadable) {
            if (reported.add(stored)) {
                log.error("cannot read the signing secret of webhook subscription {}: {}; its deliveries fail until it can",
                        id, unreadable.getMessage());
            }
            return "";
        }
    }

    private static Set<String> events(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(e -> !e.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public boolean unsubscribe(String id) {
        int removed = jdbc.update("DELETE FROM webhook_subscriptions WHERE id = ?", id);
        jdbc.update("UPDATE webhook_deliveries SET status = 'parked', last_error = 'subscription deleted' WHERE subscription_id = ?"
                + " AND status = 'pending'", id);
        refresh();
        return removed > 0;
    }

    @Override
    public List<WebhookDelivery> due(Instant now, int limit) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at FETCH FIRST ? ROWS ONLY", JdbcWebhooks::delivery, Columns.timestamp(now), limit);
    }

    @Override
    public List<WebhookDelivery> deliveries(String status, int limit) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE status = ? ORDER BY created_at DESC"
                + " FETCH FIRST ? ROWS ONLY", JdbcWebhooks::delivery, status, limit);
    }

    @Override
    public Optional<WebhookDelivery> delivery(String id) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE id = ?", JdbcWebhooks::delivery, id)
                .stream().findFirst();
    }

    @Override
    public boolean claim(String id, Instant expectedNext, Instant leaseUntil) {
        // Every value a parameter: on the embedded database the redo log keeps this write (one per attempt).
        return RedoScope.logged(() -> jdbc.update("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?"
                + " AND status = 'pending' AND next_attempt_at = ?", Columns.timestamp(leaseUntil), id,
                Columns.timestamp(expectedNext))) == 1;
    }

    @Override
    public void attempted(String id, String status, int attempts, Instant next, Optional<String> error) {
        RedoScope.logged(() -> jdbc.update("UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,"
                + " last_error = ? WHERE id = ?", status, attempts, Columns.timestamp(next),
                error.map(e -> e.length() > 1000 ? e.substring(0, 1000) : e).orElse(null), id));
    }

    @Override
    public void enqueue(WebhookDelivery delivery) {
        insert(jdbc, List.of(delivery));
    }

    /** Inserts deliveries in the caller's transaction (the event log's). */
    static void insert(JdbcTemplate jdbc, List<WebhookDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO webhook_deliveries (" + DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deliveries, deliveries.size(), (ps, d) -> {
                    ps.setString(1, d.id());
                    ps.setString(2, d.subscriptionId());
                    ps.setString(3, d.type());
                    ps.setString(4, d.payload());
                    ps.setString(5, d.status());
                    ps.setInt(6, d.attempts());
                    ps.setObject(7, Columns.timestamp(d.nextAttemptAt()));
                    ps.setString(8, d.lastError().orElse(null));
                    ps.setObject(9, Columns.timestamp(d.createdAt()));
                });
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getString("id"), rs.getString("subscription_id"), rs.getString("type"), rs.getString("payload"),
                rs.getString("status"), rs.getInt("attempts"), Columns.instant(rs, "next_attempt_at"),
                Optional.ofNullable(rs.getString("last_error")), Columns.instant(rs, "created_at"));
    }
}
