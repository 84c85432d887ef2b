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

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import dev.switchboard.intake.Admission;
import dev.switchboard.intake.IdempotencyKey;
import dev.switchboard.intake.IntakeJournal;
import dev.switchboard.intake.IntakeOutcome;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Duplicates;
import dev.switchboard.ticket.Message;
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
            INSERT INTO tickets (id, customer_id, channel, subject, body, attachments, metadata, priority,
                                 created_at, category, team, confidence, needs_human_review, decided_by, tags, model_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_STATE =
            "INSERT INTO ticket_states (ticket_id, status, assignee, version, updated_at) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_KEY =
            "INSERT INTO idempotency_keys (storage_key, fingerprint, ticket_id, created_at) VALUES (?, ?, ?, ?)";

    private static final int FORGET_CHUNK = 5_000;
    private static final String FORGET_KEYS = "DELETE FROM idempotency_keys WHERE storage_key IN (SELECT storage_key FROM"
            + " idempotency_keys WHERE created_at < ? ORDER BY created_at FETCH FIRST ? ROWS ONLY)";

    private record StoredKey(String fingerprint, TicketId ticketId) {
    }

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final JdbcTickets tickets;
    private final JsonColumns json;
    private final Duplicates duplicates;
    private final JdbcEventLog events;
    private final JdbcConversation conversation;

    JdbcIntakeJournal(NamedParameterJdbcTemplate named, TransactionOperations transactions, JdbcTickets tickets,
                      JsonColumns json, Duplicates duplicates, JdbcEventLog events,
                      JdbcConversation conversation) {
        this.named = named;
        this.jdbc = named.getJdbcTemplate();
        this.transactions = transactions;
        this.tickets = tickets;
        this.json = json;
        this.duplicates = duplicates;
        this.events = events;
        this.conversation = conversation;
    }

    @Override
    public List<IntakeOutcome> record(List<Admission> admissions) {
        return transactions.execute(status -> recordInTransaction(admissions));
    }

    /** What one admission became, resolved to the ticket's final state once the whole group is decided. */
    private sealed interface Decided {
        record Stored(TicketId id) implements Decided {
        }

        record Replayed(TicketId id) implements Decided {
        }

        record Merged(TicketId joined) implements Decided {
        }

        record KeyReused(String key) implements Decided {
        }
    }

    /** An idempotency key to remember, with the ticket it stands for. */
    private record KeyRow(IdempotencyKey key, TicketId ticketId, Instant at) {
    }

    /** A duplicate that joined a ticket: its message, and the event on the joined ticket. */
    private record Join(Message message, TicketEvent event) {
    }

    /** Whether the database is PostgreSQL (decided at the first group): several nodes may write to it at once. */
    private volatile Boolean postgres;

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) c ->
                    c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres"));
            postgres = known;
        }
        return known;
    }

    /**
     * On PostgreSQL, the group's customers are locked for the transaction (advisory locks, in one order),
     * so that two nodes accepting one customer's tickets at the same moment see each other's open
     * ticket and merge duplicates as one node does. H2 serves one node, whose single writer is the order.
     */
    private void lockCustomers(List<Admission> admissions) {
        String[] customers = admissions.stream().map(a -> a.ticket().customer().id()).distinct().sorted().toArray(String[]::new);
        if (customers.length == 0 || !postgres()) {
            return;
        }
        jdbc.query("SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended(c, 0) AS k"
                + " FROM unnest(?::text[]) AS c ORDER BY 1) AS ordered", ps -> ps.setArray(1,
                ps.getConnection().createArrayOf("text", customers)), rs -> null);
    }

    private List<IntakeOutcome> recordInTransaction(List<Admission> admissions) {
        lockCustomers(admissions);
        Map<String, StoredKey> known = storedKeys(admissions);
        Map<TicketId, Ticket> latest = earlierTickets(known);
        Map<String, List<TicketId>> openByCustomer = new HashMap<>();
        openTickets(admissions).forEach(t -> {
            latest.put(t.id(), t);
            openByCustomer.computeIfAbsent(t.customer().id(), c -> new ArrayList<>()).add(t.id());
        });
        Map<TicketId, Admission> fresh = new LinkedHashMap<>();
        Map<TicketId, Long> storedVersions = new HashMap<>();
        List<Join> joins = new ArrayList<>();
        List<KeyRow> keyed = new ArrayList<>();
        List<Decided> decided = new ArrayList<>(admissions.size());
        for (Admission admission : admissions) {
            Ticket ticket = admission.ticket();
            Optional<IdempotencyKey> key = admission.idempotencyKey();
            StoredKey stored = key.map(k -> known.get(k.storageKey())).orElse(null);
            if (stored != null) {
                decided.add(key.get().sameRequestAs(stored.fingerprint())
                        ? new Decided.Replayed(stored.ticketId()) : new Decided.KeyReused(key.get().key()));
                continue;
            }
            Optional<Ticket> target = openByCustomer.getOrDefault(ticket.customer().id(), List.of()).stream()
                    .map(latest::get)
                    .filter(open -> duplicates.isDuplicate(open, ticket))
                    .max(java.util.Comparator.comparing(Ticket::updatedAt));
            TicketId home;
            if (target.isPresent()) {
                Ticket joined = target.get().joinedBy(ticket);
                if (!fresh.containsKey(joined.id())) {
                    storedVersions.putIfAbsent(joined.id(), target.get().version());
                }
                latest.put(joined.id(), joined);
                joins.add(new Join(Message.fromDuplicate(joined, ticket, admission.submitter()),
                        TicketEvent.merged(joined, ticket, admission.submitter())));
                home = joined.id();
                decided.add(new Decided.Merged(home));
            } else {
                fresh.put(ticket.id(), admission);
                latest.put(ticket.id(), ticket);
                openByCustomer.computeIfAbsent(ticket.customer().id(), c -> new ArrayList<>()).add(ticket.id());
                home = ticket.id();
                decided.add(new Decided.Stored(home));
            }
            key.ifPresent(k -> {
                known.put(k.storageKey(), new StoredKey(k.fingerprint(), home));
                keyed.add(new KeyRow(k, home, ticket.createdAt()));
            });
        }
        insert(fresh.values().stream()
                .map(a -> new Admission(latest.get(a.ticket().id()), a.submitter(), a.idempotencyKey()))
                .toList());
        updateJoined(storedVersions, latest);
        insertJoins(joins);
        insertKeys(keyed);
        return decided.stream().<IntakeOutcome>map(d -> switch (d) {
            case Decided.Stored s -> new IntakeOutcome.Stored(latest.get(s.id()));
            case Decided.Replayed r -> new IntakeOutcome.Replayed(latest.get(r.id()));
            case Decided.Merged m -> new IntakeOutcome.Merged(latest.get(m.joined()));
            case Decided.KeyReused k -> new IntakeOutcome.KeyReused(k.key());
        }).toList();
    }

    /** The open tickets the group's triaged tickets could join. */
    private List<Ticket> openTickets(List<Admission> admissions) {
        List<String> customers = admissions.stream().filter(a -> a.ticket().classification().isPresent())
                .map(a -> a.ticket().customer().id()).distinct().toList();
        if (customers.isEmpty()) {
            return List.of();
        }
        Instant earliest = admissions.stream().map(a -> a.ticket().createdAt()).min(Instant::compareTo).orElseThrow();
        return tickets.findOpen(customers, earliest.minus(duplicates.window()));
    }

    /** Stored tickets that duplicates joined: a new priority and version, guarded by the version they were read at. */
    private void updateJoined(Map<TicketId, Long> readVersions, Map<TicketId, Ticket> latest) {
        for (Map.Entry<TicketId, Long> entry : readVersions.entrySet()) {
            Ticket joined = latest.get(entry.getKey());
            int updated = jdbc.update("UPDATE ticket_states SET version = ?, updated_at = ? WHERE ticket_id = ? AND version = ?",
                    joined.version(), Columns.timestamp(joined.updatedAt()), joined.id().value(), entry.getValue());
            if (updated != 1) {
                throw new OptimisticLockingFailureException("ticket " + joined.id() + " changed while a duplicate joined it");
            }
            jdbc.update("UPDATE tickets SET priority = ? WHERE id = ?", joined.priority().name(), joined.id().value());
        }
    }

    private void insertJoins(List<Join> joins) {
        conversation.append(joins.stream().map(Join::message).toList());
        events.append(joins.stream().map(Join::event).toList());
    }

    private void insertKeys(List<KeyRow> keyed) {
        batch(INSERT_KEY, keyed, (ps, row) -> {
            ps.setString(1, row.key().storageKey());
            ps.setString(2, row.key().fingerprint());
            ps.setString(3, row.ticketId().value());
            ps.setObject(4, Columns.timestamp(row.at()));
        });
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
            ps.setObject(9, Columns.timestamp(t.createdAt()));
            Classification c = t.classification().orElse(null);
            ps.setString(10, c == null ? null : c.category());
            ps.setString(11, c == null ? null : c.team());
            ps.setObject(12, c == null ? null : c.confidence(), java.sql.Types.DOUBLE);
            ps.setObject(13, c == null ? null : c.needsHumanReview(), java.sql.Types.BOOLEAN);
            ps.setString(14, c == null ? null : c.decidedBy());
            ps.setString(15, c == null ? null : json.write(c.tags()));
            ps.setString(16, c == null ? null : Columns.modelVersion(c.decidedBy()));
        });
        batch(INSERT_STATE, fresh, (ps, a) -> {
            Ticket t = a.ticket();
            ps.setString(1, t.id().value());
            ps.setString(2, t.status().name());
            ps.setString(3, t.assignee().orElse(null));
            ps.setLong(4, t.version());
            ps.setObject(5, Columns.timestamp(t.updatedAt()));
        });
        List<TicketEvent> receivedAndTriaged = new ArrayList<>(fresh.size() * 2);
        for (Admission a : fresh) {
            receivedAndTriaged.add(TicketEvent.received(a.ticket(), a.submitter()));
            a.ticket().classification().ifPresent(c -> receivedAndTriaged.add(TicketEvent.triaged(a.ticket(), c)));
        }
        events.append(receivedAndTriaged);
    }

    /**
     * Forgets keys older than the cutoff, {@value #FORGET_CHUNK} at a time: each chunk is a short transaction
     * of its own, which never holds up intake's commits for long (an hour of keys at a thousand tickets a
     * second is millions of rows).
     */
    @Override
    public int forgetKeysBefore(Instant cutoff) {
        int forgotten = 0;
        int chunk;
        do {
            chunk = transactions.execute(status -> jdbc.update(FORGET_KEYS, Columns.timestamp(cutoff), FORGET_CHUNK));
            forgotten += chunk;
        } while (chunk == FORGET_CHUNK);
        return forgotten;
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
