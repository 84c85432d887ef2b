package dev.switchboard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import dev.switchboard.routing.Assignments;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketStatus;

/**
 * Routing's decisions kept with the tickets: status and assignee in the narrow {@code ticket_states}
 * row (never the wide {@code tickets} row and its indexes), and an event with the explanation. A
 * routing step's changes go in one transaction: under load one commit carries hundreds of offers,
 * acknowledgements and resolutions instead of one each (a commit, not a row, is what costs).
 */
public class JdbcAssignments implements Assignments {

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final JdbcTickets tickets;
    private final JsonColumns json;
    private final JdbcEventLog events;

    JdbcAssignments(NamedParameterJdbcTemplate named, TransactionOperations transactions, JdbcTickets tickets, JsonColumns json,
                    JdbcEventLog events) {
        this.jdbc = named.getJdbcTemplate();
        this.transactions = transactions;
        this.tickets = tickets;
        this.json = json;
        this.events = events;
    }

    @Override
    public void record(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            List<TicketEvent> log = new ArrayList<>(changes.size());
            // Runs of changes of one kind go as one JDBC batch; the runs keep their order.
            int from = 0;
            while (from < changes.size()) {
                Class<?> kind = changes.get(from).getClass();
                int to = from;
                while (to < changes.size() && changes.get(to).getClass() == kind) {
                    to++;
                }
                store(changes.subList(from, to), log);
                from = to;
            }
            events.append(log);
        });
    }

    /** One run of changes of the same kind; the events of those that took effect go to {@code log}. */
    private void store(List<Change> run, List<TicketEvent> log) {
        String sql = switch (run.getFirst()) {
            case Offered o -> "UPDATE ticket_states SET status = 'ASSIGNED', assignee = ?, version = version + 1, updated_at = ?"
                    + " WHERE ticket_id = ? AND status NOT IN ('RESOLVED', 'CLOSED')";
            case Acknowledged a -> "UPDATE ticket_states SET status = 'OPEN', assignee = ?, version = version + 1, updated_at = ?"
                    + " WHERE ticket_id = ? AND assignee = ? AND status = 'ASSIGNED'";
            case Withdrawn w -> "UPDATE ticket_states SET status = 'QUEUED', assignee = NULL, version = version + 1, updated_at = ?"
                    + " WHERE ticket_id = ? AND assignee = ? AND status = 'ASSIGNED'";
            case Finished f -> "UPDATE ticket_states SET status = '" + (f.resolved() ? TicketStatus.RESOLVED : TicketStatus.QUEUED)
                    + "', assignee = NULL, version = version + 1, updated_at = ?"
                    + " WHERE ticket_id = ? AND assignee = ? AND status IN ('ASSIGNED', 'OPEN', 'PENDING')";
        };
        // A run of finishes may mix resolutions and hand-backs: split it so that each statement has one status.
        if (run.getFirst() instanceof Finished first && run.stream().anyMatch(c -> ((Finished) c).resolved() != first.resolved())) {
            List<Change> same = run.stream().filter(c -> ((Finished) c).resolved() == first.resolved()).toList();
            List<Change> other = run.stream().filter(c -> ((Finished) c).resolved() != first.resolved()).toList();
            store(same, log);
            store(other, log);
            return;
        }
        List<Object[]> rows = run.stream().map(JdbcAssignments::row).toList();
        int[] updated = jdbc.batchUpdate(sql, rows);
        for (int i = 0; i < run.size(); i++) {
            // A driver may answer SUCCESS_NO_INFO (-2) for a batched row: it did run.
            if (updated[i] != 0) {
                log.add(event(run.get(i)));
            }
        }
    }

    private static Object[] row(Change change) {
        Object at = Columns.timestamp(change.at());
        String id = change.ticketId().value();
        return switch (change) {
            case Offered o -> new Object[] {o.agentId(), at, id};
            case Acknowledged a -> new Object[] {a.agentId(), at, id, a.agentId()};
            case Withdrawn w -> new Object[] {at, id, w.agentId()};
            case Finished f -> new Object[] {at, id, f.agentId()};
        };
    }

    private TicketEvent event(Change change) {
        return switch (change) {
            // Every candidate's score by factor and why the others were passed over, for leads to read.
            case Offered o -> new TicketEvent(o.ticketId(), TicketEvent.ASSIGNED, Actor.SYSTEM, Map.of("agent", o.agentId(),
                    "candidates", json.write(o.assignment().candidates()), "others", json.write(o.assignment().others())), o.at());
            case Acknowledged a -> new TicketEvent(a.ticketId(), TicketEvent.ACKNOWLEDGED, agent(a.agentId()),
                    Map.of("agent", a.agentId()), a.at());
            case Withdrawn w -> new TicketEvent(w.ticketId(), TicketEvent.OFFER_WITHDRAWN, Actor.SYSTEM,
                    Map.of("agent", w.agentId(), "why", w.why()), w.at());
            case Finished f -> new TicketEvent(f.ticketId(), f.resolved() ? TicketEvent.RESOLVED_EVENT : TicketEvent.HANDED_BACK,
                    agent(f.agentId()), Map.of("agent", f.agentId()), f.at());
        };
    }

    private static Actor agent(String agentId) {
        return new Actor(Actor.Kind.USER, agentId);
    }

    @Override
    public List<Unfinished> waiting() {
        return tickets.findWaiting().stream().map(t -> new Unfinished(t, Optional.empty(), false)).toList();
    }

    @Override
    public List<Unfinished> unfinished() {
        return tickets.findUnfinished().stream()
                .map(t -> new Unfinished(t, t.assignee(), t.status() == TicketStatus.OPEN || t.status() == TicketStatus.PENDING))
                .toList();
    }
}
