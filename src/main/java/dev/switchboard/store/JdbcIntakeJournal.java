package dev.switchboard.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.switchboard.intake.Admission;
import dev.switchboard.intake.IdempotencyKey;
import dev.switchboard.intake.IntakeJournal;
import dev.switchboard.intake.IntakeOutcome;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketId;

/**
 * The intake's journal in a relational database: one transaction per group, JDBC batches per table
 * (customers, tickets, events, idempotency keys), so a group of hundreds of tickets costs a handful
 * of round trips and one commit.
 */
public class JdbcIntakeJournal implements IntakeJournal {

    /** Standard SQL MERGE, which H2 and PostgreSQL (15+) both run; blank fields never erase known ones. */
    private static final String UPSERT_CUSTOMER = """
            MERGE INTO customers c
            USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(254)), CAST(? AS VARCHAR(200)),
                           CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                  AS s (id, email, name, region, tier, seen_at)
            ON c.id = s.id
            WHEN MATCHED AND ((s.email <> '' AND s.email <> c.email) OR (s.name <> '' AND s.name <> c.name)
                              OR (s.region <> '' AND s.region <> c.region) OR (s.tier <> '' AND s.tier <> c.tier)) THEN
                UPDATE SET email = CASE WHEN s.email = '' THEN c.email ELSE s.email END,
                           name = CASE WHEN s.name = '' THEN c.name ELSE s.name END,
                           region = CASE WHEN s.region = '' THEN c.region ELSE s.region END,
                           tier = CASE WHEN s.tier = '' THEN c.tier ELSE s.tier END,
                           updated_at = s.seen_at
            WHEN NOT MATCHED THEN
                INSERT (id, email, name, region, tier, created_at, updated_at)
                VALUES (s.id, s.email, s.name, s.region, s.tier, s.seen_at, s.seen_at)
            """;
    private static final String INSERT_TICKET = """
            INSERT INTO tickets (id, customer_id, channel, subject, body, attachments, metadata, priority, status,
                                 version, created_at, updated_at, category, team, confidence, needs_human_review,
                                 decided_by, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_EVENT =
            "INSERT INTO ticket_events (ticket_id, type, actor, detail, occurred_at) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_KEY =
            "INSERT INTO idempotency_keys (storage_key, fingerprint, ticket_id, created_at) VALUES (?, ?, ?, ?)";

    private record StoredKey(String fingerprint, TicketId ticketId) {
    }

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JdbcTickets tickets;
    private final JsonColumns json;

    JdbcIntakeJournal(NamedParameterJdbcTemplate named, TransactionTemplate transactions, JdbcTickets tickets,
                      JsonColumns json) {
        this.named = named;
        this.jdbc = named.getJdbcTemplate();
        this.transactions = transactions;
        this.tickets = tickets;
        this.json = json;
    }

    @Override
    public List<IntakeOutcome> record(List<Admission> admissions) {
        return transactions.execute(status -> recordInTransaction(admissions));
    }

    private List<IntakeOutcome> recordInTransaction(List<Admission> admissions) {
        Map<String, StoredKey> known = storedKeys(admissions);
        Map<TicketId, Ticket> earlier = earlierTickets(known);
        List<IntakeOutcome> outcomes = new ArrayList<>(admissions.size());
        List<Admission> fresh = new ArrayList<>(admissions.size());
        for (Admission admission : admissions) {
            Optional<IdempotencyKey> key = admission.idempotencyKey();
            StoredKey stored = key.map(k -> known.get(k.storageKey())).orElse(null);
            if (stored == null) {
                fresh.add(admission);
                key.ifPresent(k -> known.put(k.storageKey(), new StoredKey(k.fingerprint(), admission.ticket().id())));
                earlier.put(admission.ticket().id(), admission.ticket());
                outcomes.add(new IntakeOutcome.Stored(admission.ticket()));
            } else if (key.get().sameRequestAs(stored.fingerprint())) {
                outcomes.add(new IntakeOutcome.Replayed(earlier.get(stored.ticketId())));
            } else {
                outcomes.add(new IntakeOutcome.KeyReused(key.get().key()));
            }
        }
        insert(fresh);
        return outcomes;
    }

    private Map<String, StoredKey> storedKeys(List<Admission> admissions) {
        List<String> keys = admissions.stream()
                .flatMap(a -> a.idempotencyKey().map(IdempotencyKey::storageKey).stream())
                .distinct()
                .toList();
        Map<String, StoredKey> known = new HashMap<>();
        if (!keys.isEmpty()) {
            named.query("SELECT storage_key, fingerprint, ticket_id FROM idempotency_keys WHERE storage_key IN (:keys)",
                    Map.of("keys", keys),
                    rs -> {
                        known.put(rs.getString(1), new StoredKey(rs.getString(2), new TicketId(rs.getString(3))));
                    });
        }
        return known;
    }

    private Map<TicketId, Ticket> earlierTickets(Map<String, StoredKey> known) {
        Map<TicketId, Ticket> byId = new HashMap<>();
        tickets.findAll(known.values().stream().map(StoredKey::ticketId).distinct().toList())
                .forEach(ticket -> byId.put(ticket.id(), ticket));
        return byId;
    }

    private void insert(List<Admission> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, Customer> customers = new LinkedHashMap<>();
        fresh.forEach(a -> customers.merge(a.ticket().customer().id(), a.ticket().customer(), Customer::updatedBy));
        Instant seenAt = fresh.getLast().ticket().createdAt();
        batch(UPSERT_CUSTOMER, List.copyOf(customers.values()), (ps, c) -> {
            ps.setString(1, c.id());
            ps.setString(2, c.email());
            ps.setString(3, c.name());
            ps.setString(4, c.region());
            ps.setString(5, c.tier());
            ps.setObject(6, Columns.timestamp(seenAt));
        });
        batch(INSERT_TICKET, fresh, (ps, a) -> {
            Ticket t = a.ticket();
            ps.setString(1, t.id().value());
            ps.setString(2, t.customer().id());
            ps.setString(3, t.channel().name());
            ps.setString(4, t.subject());
            ps.setString(5, t.body());
            ps.setString(6, json.writeUris(t.attachments()));
            ps.setString(7, json.write(t.metadata()));
            ps.setString(8, t.priority().name());
            ps.setString(9, t.status().name());
            ps.setLong(10, t.version());
            ps.setObject(11, Columns.timestamp(t.createdAt()));
            ps.setObject(12, Columns.timestamp(t.updatedAt()));
            Classification c = t.classification().orElse(null);
            ps.setString(13, c == null ? null : c.category());
            ps.setString(14, c == null ? null : c.team());
            ps.setObject(15, c == null ? null : c.confidence(), java.sql.Types.DOUBLE);
            ps.setObject(16, c == null ? null : c.needsHumanReview(), java.sql.Types.BOOLEAN);
            ps.setString(17, c == null ? null : c.decidedBy());
            ps.setString(18, c == null ? null : json.write(c.tags()));
        });
        List<TicketEvent> events = new ArrayList<>(fresh.size() * 2);
        for (Admission a : fresh) {
            events.add(TicketEvent.received(a.ticket(), a.submitter()));
            a.ticket().classification().ifPresent(c -> events.add(TicketEvent.triaged(a.ticket(), c)));
        }
        batch(INSERT_EVENT, events, (ps, event) -> {
            ps.setString(1, event.ticketId().value());
            ps.setString(2, event.type());
            ps.setString(3, event.actor().toString());
            ps.setString(4, json.write(event.detail()));
            ps.setObject(5, Columns.timestamp(event.at()));
        });
        List<Admission> keyed = fresh.stream().filter(a -> a.idempotencyKey().isPresent()).toList();
        batch(INSERT_KEY, keyed, (ps, a) -> {
            IdempotencyKey key = a.idempotencyKey().orElseThrow();
            ps.setString(1, key.storageKey());
            ps.setString(2, key.fingerprint());
            ps.setString(3, a.ticket().id().value());
            ps.setObject(4, Columns.timestamp(a.ticket().createdAt()));
        });
    }

    @Override
    public int forgetKeysBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_keys WHERE created_at < ?", Columns.timestamp(cutoff));
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private <T> void batch(String sql, List<T> items, Binder<T> binder) {
        if (!items.isEmpty()) {
            jdbc.batchUpdate(sql, items, items.size(), binder::bind);
        }
    }
}
