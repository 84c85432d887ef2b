package dev.switchboard.channels;

import java.time.Instant;
import java.util.Optional;

import dev.switchboard.ticket.TicketId;

/** A file kept with a ticket; its bytes are in the attachment store under {@code sha256}. */
public record Attachment(String id, TicketId ticketId, Optional<String> messageId, String filename, String contentType,
                         long size, String sha256, Instant createdAt) {
}
