package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.TicketQuery;
import dev.switchboard.ticket.TicketStatus;

/** Tickets in a relational database (H2 or PostgreSQL, the same SQL). */
public class JdbcTickets implements dev.switchboard.ticket.Tickets {

    /**
     * Tickets ({@code t}) with their state rows ({@code s}: status, assignee, version, last change; migration
     * V12). The two tables share no column name, so a query may leave its columns unqualified.
     */
    static final String WITH_STATES = "tickets t JOIN ticket_states s ON s.ticket_id = t.id";

    private static final String SELECT_TICKETS = """
            SELECT t.id, t.channel, t.subject, t.body, t.attachments, t.metadata, t.priority, s.status, s.version,
                   t.created_at, s.updated_at, t.category, t.team, t.confidence, t.needs_human_review, t.decided_by, t.tags,
                   s.assignee,
                   c.id AS customer_id, c.email, c.name, c.region, c.tier
            """ + "FROM " + WITH_STATES + " JOIN customers c ON c.id = t.customer_id\n";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;
    private final RowMapper<Ticket> ticketRow = this::ticket;

    JdbcTickets(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Ticket> find(TicketId id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /** Read {@value #IN_LIST_SLICE} at a time (see {@link #inSlices}). */
    @Override
    public List<Ticket> findAll(Collection<TicketId> ids) {
        return inSlices(ids.stream().map(TicketId::value).distinct().toList(),
                slice -> jdbc.query(SELECT_TICKETS + " WHERE t.id IN (:ids)", java.util.Map.of("ids", slice), ticketRow));
    }

    /** Open, triaged tickets of these customers active since {@code since}: the candidates a duplicate may join. */
    List<Ticket> findOpen(List<String> customerIds, java.time.Instant since) {
        return inSlices(customerIds, slice -> jdbc.query(SELECT_TICKETS + " WHERE t.customer_id IN (:customers)"
                        + " AND t.category IS NOT NULL AND s.status NOT IN ('RESOLVED', 'CLOSED') AND s.updated_at >= :since",
                java.util.Map.of("customers", slice, "since", Columns.timestamp(since)), ticketRow));
    }

    /**
     * The tickets a query with an IN list finds, asked in slices of {@value #IN_LIST_SLICE} values: H2
     * checks an IN list of parameters value by value for every row it finds, which a list of thousands
     * makes quadratic. Each slice is padded to a power of two by repeating its last value (an IN list
     * finds a row once however often it names it): a list of every length from 1 to 128 would be a
     * statement text of its own, parsed again whenever it dropped out of H2's cache of a session's last
     * eight statements (or PostgreSQL's driver's prepared ones); the intake commit's duplicate lookup,
     * one a batch, was parsed at nearly every commit. Eight lengths are eight texts.
     */
    private static List<Ticket> inSlices(List<String> values, java.util.function.Function<List<String>, List<Ticket>> query) {
        List<Ticket> found = new java.util.ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_LIST_SLICE) {
            found.addAll(query.apply(padded(values.subList(from, Math.min(from + IN_LIST_SLICE, values.size())))));
        }
        return found;
    }

    /** The values, their last repeated up to the next power of two. */
    static List<String> padded(List<String> values) {
        int length = Integer.highestOneBit(Math.max(1, values.size() - 1)) << 1;
        if (values.size() <= 1 || values.size() == length) {
            return values;
        }
        List<String> padded = new java.util.ArrayList<>(length);
        padded.addAll(values);
        while (padded.size() < length) {
            padded.add(values.getLast());
        }
        return padded;
    }

    private static final int IN_LIST_SLICE = 128;

    /** Triaged tickets waiting in a queue, oldest first: what routing's sweep looks for. */
    List<Ticket> findWaiting() {
        return jdbc.query(SELECT_TICKETS + " WHERE s.status = 'QUEUED' AND t.category IS NOT NULL ORDER BY t.id",
                java.util.Map.of(), ticketRow);
    }

    /** Triaged tickets not yet resolved or closed, oldest first: what routing takes up at start. */
    List<Ticket> findUnfinished() {
        return jdbc.query(SELECT_TICKETS + " WHERE s.status IN ('QUEUED', 'ASSIGNED', 'OPEN', 'PENDING')"
                + " AND t.category IS NOT NULL ORDER BY t.id", java.util.Map.of(), ticketRow);
    }

    @Override
    public List<Message> conversation(TicketId id) {
        return jdbc.query("SELECT id, author, body, internal, created_at FROM messages WHERE ticket_id = :id"
                        + " ORDER BY created_at, id",
                java.util.Map.of("id", id.value()),
                (rs, n) -> new Message(rs.getString("id"), id, Actor.parse(rs.getString("author")), rs.getString("body"),
                        rs.getBoolean("internal"), Columns.instant(rs, "created_at")));
    }

    @Override
    public List<TicketEvent> history(TicketId id) {
        return jdbc.query("SELECT type, actor, detail, occurred_at FROM ticket_events WHERE ticket_id = :id ORDER BY id",
                java.util.Map.of("id", id.value()),
                (rs, n) -> new TicketEvent(id, rs.getString("type"), Actor.parse(rs.getString("actor")),
                        json.readStringMap(rs.getString("detail")), Columns.instant(rs, "occurred_at")));
    }

    @Override
    public List<Ticket> search(TicketQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        query.visibleTo().ifPresent(visibility -> {
            where.append(" AND (t.team = :visibleTeam");
            params.put("visibleTeam", visibility.team());
            visibility.holder().ifPresent(holder -> {
                where.append(" OR s.assignee = :visibleHolder");
                params.put("visibleHolder", holder);
            });
            where.append(')');
        });
        in(where, params, "s.status", "statuses", query.statuses().stream().map(Enum::name).toList());
        in(where, params, "t.priority", "priorities", query.priorities().stream().map(Enum::name).toList());
        in(where, params, "t.team", "teams", query.teams());
        in(where, params, "s.assignee", "assignees", query.assignees());
        in(where, params, "t.category", "categories", query.categories());
        query.needsHumanReview().ifPresent(review -> {
            where.append(" AND t.needs_human_review = :review");
            params.put("review", review);
        });
        query.text().ifPresent(text -> {
            // Every word must appear in the subject or the body, as a substring, whatever its case.
            String[] words = text.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
            for (int i = 0; i < words.length; i++) {
                where.append(" AND (LOWER(t.subject) LIKE :word").append(i).append(" ESCAPE '\\'")
                        .append(" OR LOWER(t.body) LIKE :word").append(i).append(" ESCAPE '\\')");
                params.put("word" + i, "%" + words[i].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        });
        query.after().ifPresent(after -> {
            where.append(" AND (t.priority > :afterPriority OR (t.priority = :afterPriority AND (t.created_at > :afterCreated"
                    + " OR (t.created_at = :afterCreated AND t.id > :afterId))))");
            params.put("afterPriority", after.priority().name());
            params.put("afterCreated", Columns.timestamp(after.createdAt()));
            params.put("afterId", after.id().value());
        });
        params.put("limit", query.limit());
        return jdbc.query(SELECT_TICKETS + where + " ORDER BY t.priority, t.created_at, t.id LIMIT :limit", params, ticketRow);
    }

    private static void in(StringBuilder where, java.util.Map<String, Object> params, String column, String name,
                           Collection<String> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (:").append(name).append(')');
            params.put(name, List.copyOf(values));
        }
    }

    @Override
    public long count() {
        Long count = jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM tickets", Long.class);
        return count == null ? 0 : count;
    }

    private Optional<Classification> classification(ResultSet rs) throws SQLException {
        String category = rs.getString("category");
        if (category == null) {
            return Optional.empty();
        }
        return Optional.of(new Classification(category, rs.getString("team"), rs.getDouble("confidence"),
                rs.getBoolean("needs_human_review"), rs.getString("decided_by"), json.readStrings(rs.getString("tags"))));
    }

    private Ticket ticket(ResultSet rs, int row) throws SQLException {
        Customer customer = new Customer(rs.getString("customer_id"), rs.getString("email"), rs.getString("name"),
                rs.getString("region"), rs.getString("tier"));
        return new Ticket(
                new TicketId(rs.getString("id")),
                Channel.valueOf(rs.getString("channel")),
                customer,
                rs.getString("subject"),
                rs.getString("body"),
                json.readUris(rs.getString("attachments")),
                json.readMap(rs.getString("metadata")),
                Priority.valueOf(rs.getString("priority")),
                TicketStatus.valueOf(rs.getString("status")),
                classification(rs),
                Optional.ofNullable(rs.getString("assignee")),
                rs.getLong("version"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
