package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.channels.Attachment;
import dev.switchboard.channels.AttachmentRecords;
import dev.switchboard.ticket.TicketId;

/** Records of tickets' files in a relational database; the bytes are in the attachment store. */
public class JdbcAttachments implements AttachmentRecords {

    private static final String COLUMNS = "id, ticket_id, message_id, filename, content_type, size_bytes, sha256, created_at";

    private final JdbcTemplate jdbc;

    JdbcAttachments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Attachment insert(Attachment a) {
        try {
            jdbc.update("INSERT INTO attachments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", a.id(), a.ticketId().value(),
                    a.messageId().orElse(null), a.filename(), a.contentType(), a.size(), a.sha256(), Columns.timestamp(a.createdAt()));
            return a;
        } catch (DuplicateKeyException kept) {
            return jdbc.query("SELECT " + COLUMNS + " FROM attachments WHERE ticket_id = ? AND sha256 = ? AND filename = ?",
                    JdbcAttachments::attachment, a.ticketId().value(), a.sha256(), a.filename()).getFirst();
        }
    }

    @Override
    public List<Attachment> of(TicketId ticket) {
        return jdbc.query("SELECT " + COLUMNS + " FROM attachments WHERE ticket_id = ? ORDER BY created_at, id",
                JdbcAttachments::attachment, ticket.value());
    }

    @Override
    public Optional<Attachment> find(TicketId ticket, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM attachments WHERE ticket_id = ? AND id = ?", JdbcAttachments::attachment,
                ticket.value(), id).stream().findFirst();
    }

    private static Attachment attachment(ResultSet rs, int row) throws SQLException {
        return new Attachment(rs.getString("id"), TicketId.parse(rs.getString("ticket_id")).orElseThrow(),
                Optional.ofNullable(rs.getString("message_id")), rs.getString("filename"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), Columns.instant(rs, "created_at"));
    }
}
