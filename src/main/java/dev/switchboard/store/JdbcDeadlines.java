package dev.switchboard.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import dev.switchboard.channels.Deadlines;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketId;

/**
 * SLA targets over the stored tickets. An overdue ticket is found per priority (open, not yet marked,
 * received before the target's start): the open tickets are few beside all of them, and each check
 * looks only at those.
 */
public class JdbcDeadlines implements Deadlines {

    private static final String OPEN = "status IN ('RECEIVED', 'QUEUED', 'ASSIGNED', 'OPEN', 'PENDING')";

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final JdbcEventLog events;

    JdbcDeadlines(JdbcTemplate jdbc, TransactionOperations transactions, JdbcEventLog events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public List<Overdue> overdue(Instant now, Map<Priority, Duration> firstResponse, Map<Priority, Duration> resolution, int limit) {
        List<Overdue> out = new ArrayList<>();
        for (Target target : Target.values()) {
            Map<Priority, Duration> targets = target == Target.FIRST_RESPONSE ? firstResponse : resolution;
            String unmet = target == Target.FIRST_RESPONSE ? "first_response_at IS NULL AND first_response_breached = FALSE"
                    : "resolution_breached = FALSE";
            for (Map.Entry<Priority, Duration> t : targets.entrySet()) {
                if (out.size() >= limit) {
                    return out;
                }
                Duration allowed = t.getValue();
                out.addAll(jdbc.query("SELECT id, created_at, COALESCE(team, '') AS team FROM " + JdbcTickets.WITH_STATES + " WHERE " + OPEN + " AND " + unmet
                                + " AND priority = ? AND created_at < ? ORDER BY created_at FETCH FIRST ? ROWS ONLY",
                        (rs, n) -> new Overdue(new TicketId(rs.getString("id")), t.getKey(), rs.getString("team"), target,
                                Columns.instant(rs, "created_at").plus(allowed)),
                        t.getKey().name(), Columns.timestamp(now.minus(allowed)), limit - out.size()));
            }
        }
        return out;
    }

    @Override
    public void breached(List<Overdue> overdue, Instant at) {
        transactions.executeWithoutResult(status -> {
            List<TicketEvent> log = new ArrayList<>();
            for (Overdue o : overdue) {
                String flag = o.target() == Target.FIRST_RESPONSE ? "first_response_breached" : "resolution_breached";
                if (jdbc.update("UPDATE tickets SET " + flag + " = TRUE WHERE id = ? AND " + flag + " = FALSE", o.ticketId().value()) == 1) {
                    log.add(new TicketEvent(o.ticketId(), TicketEvent.SLA_BREACHED, Actor.SYSTEM, Map.of("target", o.target().wireName(),
                            "due", o.due().toString(), "priority", o.priority().name(), "team", o.team()), at));
                }
            }
            events.append(log);
        });
    }

    @Override
    public Status status(TicketId ticketId) {
        return jdbc.query("SELECT first_response_at, first_response_breached, resolution_breached FROM tickets WHERE id = ?",
                (rs, n) -> new Status(Optional.ofNullable(Columns.instant(rs, "first_response_at")),
                        rs.getBoolean("first_response_breached"), rs.getBoolean("resolution_breached")), ticketId.value())
                .stream().findFirst().orElse(new Status(Optional.empty(), false, false));
    }

    @Override
    public Map<String, Integer> breachedOpenByTeam() {
        Map<String, Integer> byTeam = new HashMap<>();
        jdbc.query("SELECT COALESCE(team, '') AS team, COUNT(*) AS n FROM " + JdbcTickets.WITH_STATES + " WHERE " + OPEN
                + " AND (first_response_breached OR resolution_breached) GROUP BY team",
                rs -> {
                    byTeam.put(rs.getString("team"), rs.getInt("n"));
                });
        return byTeam;
    }
}
