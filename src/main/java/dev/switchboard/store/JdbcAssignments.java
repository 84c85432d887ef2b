package dev.switchboard.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.switchboard.routing.Assignment;
import dev.switchboard.routing.Assignments;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.TicketId;

/** Routing's decisions kept with the tickets: status, assignee, and an event with the explanation. */
public class JdbcAssignments implements Assignments {

    private static final String EVENT =
            "INSERT INTO ticket_events (ticket_id, type, actor, detail, occurred_at) VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JdbcTickets tickets;
    private final JsonColumns json;

    JdbcAssignments(NamedParameterJdbcTemplate named, TransactionTemplate transactions, JdbcTickets tickets, JsonColumns json) {
        this.jdbc = named.getJdbcTemplate();
        this.transactions = transactions;
        this.tickets = tickets;
        this.json = json;
    }

    @Override
    public void offered(List<Offer> offers) {
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("UPDATE tickets SET status = 'ASSIGNED', assignee = ?, version = version + 1, updated_at = ?"
                    + " WHERE id = ?", offers, offers.size(), (ps, offer) -> {
                        ps.setString(1, offer.assignment().agentId());
                        ps.setObject(2, Columns.timestamp(offer.at()));
                        ps.setString(3, offer.assignment().ticket().id().value());
                    });
            jdbc.batchUpdate(EVENT, offers, offers.size(), (ps, offer) -> {
                Assignment a = offer.assignment();
                ps.setString(1, a.ticket().id().value());
                ps.setString(2, "assigned");
                ps.setString(3, Actor.SYSTEM.toString());
                // Every candidate's score by factor and why the others were passed over, for leads to read.
                ps.setString(4, json.write(Map.of("agent", a.agentId(), "candidates", json.write(a.candidates()))));
                ps.setObject(5, Columns.timestamp(offer.at()));
            });
        });
    }

    @Override
    public void acknowledged(TicketId ticketId, String agentId, Instant at) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE tickets SET status = 'OPEN', version = version + 1, updated_at = ? WHERE id = ? AND assignee = ?",
                    Columns.timestamp(at), ticketId.value(), agentId);
            jdbc.update(EVENT, ticketId.value(), "acknowledged", new Actor(Actor.Kind.USER, agentId).toString(),
                    json.write(Map.of("agent", agentId)), Columns.timestamp(at));
        });
    }

    @Override
    public void withdrawn(List<TicketId> ticketIds, String agentId, String why, Instant at) {
        if (ticketIds.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("UPDATE tickets SET status = 'QUEUED', assignee = NULL, version = version + 1, updated_at = ?"
                    + " WHERE id = ? AND status = 'ASSIGNED'", ticketIds, ticketIds.size(), (ps, id) -> {
                        ps.setObject(1, Columns.timestamp(at));
                        ps.setString(2, id.value());
                    });
            jdbc.batchUpdate(EVENT, ticketIds, ticketIds.size(), (ps, id) -> {
                ps.setString(1, id.value());
                ps.setString(2, "offer_withdrawn");
                ps.setString(3, Actor.SYSTEM.toString());
                ps.setString(4, json.write(Map.of("agent", agentId, "why", why)));
                ps.setObject(5, Columns.timestamp(at));
            });
        });
    }

    @Override
    public List<Unfinished> unfinished() {
        return tickets.findUnfinished().stream()
                .map(t -> new Unfinished(t, t.assignee(), t.status() == dev.switchboard.ticket.TicketStatus.OPEN
                        || t.status() == dev.switchboard.ticket.TicketStatus.PENDING))
                .toList();
    }
}
