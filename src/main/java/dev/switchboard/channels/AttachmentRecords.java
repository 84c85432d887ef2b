package dev.switchboard.channels;

import java.util.List;
import java.util.Optional;

import dev.switchboard.ticket.TicketId;

/** The records of kept files, by ticket. */
public interface AttachmentRecords {

    /** Stores the record; when the ticket already has this file under this name, that record instead. */
    Attachment insert(Attachment attachment);

    List<Attachment> of(TicketId ticket);

    Optional<Attachment> find(TicketId ticket, String id);
}
