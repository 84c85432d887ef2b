package dev.switchboard.workspace;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.ApiProblems;

/** Reading a ticket: its current state and its event log. */
@RestController
@RequestMapping("/api/v1/tickets")
public class TicketController {

    private final Tickets tickets;

    public TicketController(Tickets tickets) {
        this.tickets = tickets;
    }

    /** A ticket as the API shows it. */
    public record TicketView(String id, String channel, CustomerView customer, String subject, String body,
                             List<URI> attachments, Map<String, Object> metadata, String priority, String status,
                             TriageView triage, long version, Instant createdAt, Instant updatedAt,
                             List<MessageView> messages, List<EventView> events) {

        static TicketView of(Ticket t, List<Message> messages, List<TicketEvent> events) {
            return new TicketView(t.id().value(), t.channel().wireName(),
                    new CustomerView(t.customer().id(), t.customer().email(), t.customer().name(), t.customer().region(),
                            t.customer().tier()),
                    t.subject(), t.body(), t.attachments(), t.metadata(), t.priority().name(), t.status().wireName(),
                    t.classification().map(TriageView::of).orElse(null), t.version(), t.createdAt(), t.updatedAt(),
                    messages.stream().map(MessageView::of).toList(), events.stream().map(EventView::of).toList());
        }
    }

    /** Triage's decision and who made it; null until the ticket is triaged. */
    public record TriageView(String category, String team, double confidence, boolean needsHumanReview,
                             String decidedBy, List<String> tags) {
        static TriageView of(Classification c) {
            return new TriageView(c.category(), c.team(), c.confidence(), c.needsHumanReview(), c.decidedBy(), c.tags());
        }
    }

    public record CustomerView(String id, String email, String name, String region, String tier) {
    }

    /** A message after the opening text: a customer's follow-up, a reply, an internal note. */
    public record MessageView(String id, String author, String body, boolean internal, Instant at) {
        static MessageView of(Message m) {
            return new MessageView(m.id(), m.author().toString(), m.body(), m.internal(), m.at());
        }
    }

    public record EventView(String type, String actor, Map<String, String> detail, Instant at) {
        static EventView of(TicketEvent e) {
            return new EventView(e.type(), e.actor().toString(), e.detail(), e.at());
        }
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> get(@PathVariable String id) {
        return TicketId.parse(id)
                .flatMap(tickets::find)
                .<ResponseEntity<?>>map(t -> ResponseEntity.ok()
                        .eTag("\"" + t.version() + "\"")
                        .body(TicketView.of(t, tickets.conversation(t.id()), tickets.history(t.id()))))
                .orElseGet(() -> ApiProblems.notFound("no ticket " + id));
    }
}
