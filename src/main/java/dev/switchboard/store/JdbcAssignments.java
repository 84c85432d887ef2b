package dev.switchboard.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.switchboard.routing.Assignments;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketId;

/** Routing's decisions kept with the tickets: status, assignee, and an event with the explanation. */
public class JdbcAssignments implements Assignments {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JdbcTickets tickets;
    private final JsonColumns json;
    private final JdbcEventLog events;

    JdbcAssignments(NamedParameterJdbcTemplate named, TransactionTemplate transactions, JdbcTickets tickets, JsonColumns json,
                    JdbcEventLog events) {
        this.jdbc = named.getJdbcTemplate();
        this.transactions = transactions;
        this.tickets = tickets;
        this.json = json;
        this.events = events;
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
            // Every candidate's score by factor and why the others were passed over, for leads to read.
            events.append(offers.stream().map(offer -> new TicketEvent(offer.assignment().ticket().id(), TicketEvent.ASSIGNED,
                    Actor.SYSTEM, Map.of("agent", offer.assignment().agentId(),
                    "candidates", json.write(offer.assignment().candidates())), offer.at())).toList());
        });
    }

    @Override
    public void acknowledged(TicketId ticketId, String agentId, Instant at) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE tickets SET status = 'OPEN', version = version + 1, updated_at = ? WHERE id = ? AND assignee = ?",
                    Columns.timestamp(at), ticketId.value(), agentId);
            events.append(List.of(new TicketEvent(ticketId, TicketEvent.ACKNOWLEDGED, new Actor(Actor.Kind.USER, agentId),
                    Map.of("agent", agentId), at)));
        });
    }

    @Override
    public boolean resolved(TicketId ticketId, String agentId, Instant at) {
        return finish(ticketId, agentId, at, "RESOLVED", TicketEvent.RESOLVED_EVENT);
    }

    @Override
    public boolean handedBack(TicketId ticketId, String agentId, Instant at) {
        return finish(ticketId, agentId, at, "QUEUED", TicketEvent.HANDED_BACK);
    }

    /** Moves a ticket the agent holds to {@code status} (dropping the assignee) and logs it; false when they do not hold it. */
    private boolean finish(TicketId ticketId, String agentId, Instant at, String status, String event) {
        Boolean done = transactions.execute(tx -> {
            int updated = jdbc.update("UPDATE tickets SET status = ?, assignee = NULL, version = version + 1, updated_at = ?"
                    + " WHERE id = ? AND assignee = ? AND status IN ('ASSIGNED', 'OPEN', 'PENDING')",
                    status, Columns.timestamp(at), ticketId.value(), agentId);
            if (updated == 1) {
                events.append(List.of(new TicketEvent(ticketId, event, new Actor(Actor.Kind.USER, agentId),
                        Map.of("agent", agentId), at)));
            }
            return updated == 1;
        });
        return Boolean.TRUE.equals(done);
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
            events.append(ticketIds.stream().map(id -> new TicketEvent(id, TicketEvent.OFFER_WITHDRAWN, Actor.SYSTEM,
                    Map.of("agent", agentId, "why", why), at)).toList());
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
