package dev.switchboard.store;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketChanged;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketUpdates;

/** People's changes to tickets: fields under optimistic locking, messages appended; each with its events. */
public class JdbcTicketUpdates implements TicketUpdates {

    /** The version guards the whole ticket: it is checked and moved in the state row, whatever the change. */
    private static final String UPDATE_STATE =
            "UPDATE ticket_states SET status = ?, assignee = ?, version = ?, updated_at = ? WHERE ticket_id = ? AND version = ?";
    private static final String UPDATE_TICKET = """
            UPDATE tickets SET priority = ?, category = ?, team = ?, confidence = ?, needs_human_review = ?,
                               decided_by = ?, misrouted = misrouted OR ?
            WHERE id = ?""";

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final JdbcEventLog events;
    private final JdbcConversation conversation;

    JdbcTicketUpdates(JdbcTemplate jdbc, TransactionOperations transactions, JdbcEventLog events, JdbcConversation conversation) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.conversation = conversation;
    }

    @Override
    public boolean save(TicketChanged change) {
        Ticket after = change.after();
        Classification c = after.classification().orElseThrow(() -> new IllegalArgumentException("an untriaged ticket"));
        boolean misrouted = change.events().stream().anyMatch(e -> e.type().equals(TicketEvent.MISROUTED));
        // The wide tickets row (and its indexes) is written only when one of its own columns changes.
        boolean rowChanged = misrouted || after.priority() != change.before().priority()
                || !after.classification().equals(change.before().classification());
        Boolean saved = transactions.execute(status -> {
            int updated = jdbc.update(UPDATE_STATE, after.status().name(), after.assignee().orElse(null), after.version(),
                    Columns.timestamp(after.updatedAt()), after.id().value(), change.before().version());
            if (updated == 0) {
                return false;
            }
            if (rowChanged) {
                jdbc.update(UPDATE_TICKET, after.priority().name(), c.category(), c.team(), c.confidence(), c.needsHumanReview(),
                        c.decidedBy(), misrouted, after.id().value());
            }
            events.append(change.events());
            return true;
        });
        return Boolean.TRUE.equals(saved);
    }

    @Override
    public void append(Message message, TicketEvent event) {
        transactions.executeWithoutResult(status -> {
            conversation.append(List.of(message));
            events.append(List.of(event));
            if (!message.internal() && message.author().kind() == dev.switchboard.ticket.Actor.Kind.USER) {
                // A person's first reply to the customer meets the first-response target.
                jdbc.update("UPDATE tickets SET first_response_at = ? WHERE id = ? AND first_response_at IS NULL",
                        Columns.timestamp(message.at()), message.ticketId().value());
            }
        });
    }
}
