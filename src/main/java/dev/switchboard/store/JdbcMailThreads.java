package dev.switchboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.channels.MailThreads;
import dev.switchboard.ticket.TicketId;

/** Email threads in a relational database: Message-ID to ticket. */
public class JdbcMailThreads implements MailThreads {

    private final JdbcTemplate jdbc;

    JdbcMailThreads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String messageId, TicketId ticket, String direction, Instant at) {
        try {
            jdbc.update("INSERT INTO mail_messages (message_id, ticket_id, direction, created_at) VALUES (?, ?, ?, ?)",
                    messageId, ticket.value(), direction, Columns.timestamp(at));
        } catch (DuplicateKeyException known) {
            // read again (a second poll, a retried send): it keeps its ticket
        }
    }

    @Override
    public Optional<TicketId> ticketOf(Collection<String> messageIds) {
        for (String id : messageIds) {
            Optional<TicketId> found = jdbc.query("SELECT ticket_id FROM mail_messages WHERE message_id = ?",
                    (rs, n) -> rs.getString(1), id).stream().findFirst().flatMap(TicketId::parse);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> thread(TicketId ticket, int most) {
        List<String> newestFirst = new ArrayList<>(jdbc.query("SELECT message_id FROM mail_messages WHERE ticket_id = ?"
                + " ORDER BY created_at DESC FETCH FIRST ? ROWS ONLY", (rs, n) -> rs.getString(1), ticket.value(), most));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Optional<String> lastInbound(TicketId ticket) {
        return jdbc.query("SELECT message_id FROM mail_messages WHERE ticket_id = ? AND direction = ? ORDER BY created_at DESC"
                + " FETCH FIRST 1 ROWS ONLY", (rs, n) -> rs.getString(1), ticket.value(), INBOUND).stream().findFirst();
    }
}
