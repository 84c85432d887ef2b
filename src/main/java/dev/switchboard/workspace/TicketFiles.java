package dev.switchboard.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import dev.switchboard.access.Caller;
import dev.switchboard.channels.Attachment;
import dev.switchboard.channels.Attachments;
import dev.switchboard.ticket.Ticket;

/**
 * The files that came with a ticket, for whoever may see the ticket. A file is always sent as a
 * download ({@code Content-Disposition: attachment}, {@code nosniff}, a sandboxing CSP), never shown
 * in Switchboard's own origin, so that a customer's HTML or SVG cannot run as the agent.
 */
@Component
class TicketFiles {

    private final TicketDesk desk;
    private final Attachments attachments;

    TicketFiles(TicketDesk desk, Attachments attachments) {
        this.desk = desk;
        this.attachments = attachments;
    }

    List<Attachment> of(Ticket ticket) {
        return attachments.of(ticket.id());
    }

    List<Attachment> of(Caller caller, String ticketId) {
        return of(desk.get(caller, ticketId));
    }

    ResponseEntity<InputStreamResource> download(Caller caller, String ticketId, String attachmentId) {
        Ticket ticket = desk.get(caller, ticketId);
        Attachment file = attachments.find(ticket.id(), attachmentId)
                .orElseThrow(() -> TicketDeskException.NotFound.attachment(ticketId, attachmentId));
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .contentLength(file.size())
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(file.filename(), StandardCharsets.UTF_8).build().toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "sandbox; default-src 'none'")
                    .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                    .body(new InputStreamResource(attachments.open(file)));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the file " + file.id() + " of ticket " + ticketId + " cannot be read", unreadable);
        }
    }
}
