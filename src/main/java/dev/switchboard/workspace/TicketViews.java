package dev.switchboard.workspace;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;

/** Tickets as the API shows them: in full with their conversation and log, or as a line of a list. */
public final class TicketViews {

    private TicketViews() {
    }

    /** A ticket in full. */
    public record TicketView(String id, String channel, CustomerView customer, String subject, String body,
                             List<URI> attachments, Map<String, Object> metadata, String priority, String status,
                             String assignee, TriageView triage, SlaView sla, long version, Instant createdAt,
                             Instant updatedAt, List<MessageView> messages, List<EventView> events) {

        public static TicketView of(Ticket t, SlaView sla, List<Message> messages, List<TicketEvent> events) {
            return new TicketView(t.id().value(), t.channel().wireName(), CustomerView.of(t), t.subject(), t.body(),
                    t.attachments(), t.metadata(), t.priority().name(), t.status().wireName(), t.assignee().orElse(null),
                    t.classification().map(TriageView::of).orElse(null), sla, t.version(), t.createdAt(), t.updatedAt(),
                    messages.stream().map(MessageView::of).toList(), events.stream().map(EventView::of).toList());
        }
    }

    /** The ticket's SLA targets: when each is due, whether the first response came, which were missed. */
    public record SlaView(Instant firstResponseDue, Instant firstResponseAt, boolean firstResponseBreached,
                          Instant resolutionDue, boolean resolutionBreached) {
    }

    /** A ticket as a line of a list: no body, a preview of it. */
    public record TicketSummary(String id, String channel, CustomerView customer, String subject, String preview,
                                String priority, String status, String assignee, String category, String team,
                                Boolean needsHumanReview, long version, Instant createdAt, Instant updatedAt) {

        /** Characters of the body shown in a list. */
        static final int PREVIEW_CHARS = 160;

        public static TicketSummary of(Ticket t) {
            String body = t.body();
            String preview = body.codePointCount(0, body.length()) <= PREVIEW_CHARS ? body
                    : body.substring(0, body.offsetByCodePoints(0, PREVIEW_CHARS)) + "…";
            Classification c = t.classification().orElse(null);
            return new TicketSummary(t.id().value(), t.channel().wireName(), CustomerView.of(t), t.subject(), preview,
                    t.priority().name(), t.status().wireName(), t.assignee().orElse(null), c == null ? null : c.category(),
                    c == null ? null : c.team(), c == null ? null : c.needsHumanReview(), t.version(), t.createdAt(),
                    t.updatedAt());
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
        static CustomerView of(Ticket t) {
            return new CustomerView(t.customer().id(), t.customer().email(), t.customer().name(), t.customer().region(),
                    t.customer().tier());
        }
    }

    /** A message after the opening text: a customer's follow-up, a reply, an internal note. */
    public record MessageView(String id, String author, String body, boolean internal, Instant at) {
        public static MessageView of(Message m) {
            return new MessageView(m.id(), m.author().toString(), m.body(), m.internal(), m.at());
        }
    }

    public record EventView(String type, String actor, Map<String, String> detail, Instant at) {
        static EventView of(TicketEvent e) {
            return new EventView(e.type(), e.actor().toString(), e.detail(), e.at());
        }
    }
}
