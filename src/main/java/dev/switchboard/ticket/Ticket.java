package dev.switchboard.ticket;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A support ticket as it stands now. Immutable: a change is a new {@code Ticket} with a higher
 * {@code version}, which the store uses for optimistic locking.
 *
 * @param subject    empty when the channel has none (chat, phone)
 * @param metadata       the caller's own key/value pairs: strings, numbers, booleans, lists and maps
 * @param classification triage's decision; empty until the ticket is triaged
 * @param assignee       the agent (user id) the ticket is offered to or held by; empty while it waits
 * @param version        starts at 0 and grows by one with every stored change
 */
public record Ticket(
        TicketId id,
        Channel channel,
        Customer customer,
        String subject,
        String body,
        List<URI> attachments,
        Map<String, Object> metadata,
        Priority priority,
        TicketStatus status,
        Optional<Classification> classification,
        Optional<String> assignee,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        attachments = List.copyOf(attachments);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A ticket as it is first received. Phone calls are urgent by nature, so a phone ticket is P1
     * whatever was asked for; otherwise the requested priority holds until triage, or {@link Priority#NORMAL}.
     */
    public static Ticket received(TicketId id, Channel channel, Customer customer, String subject, String body,
                                  List<URI> attachments, Map<String, Object> metadata,
                                  Optional<Priority> requestedPriority, Instant now) {
        Priority priority = channel == Channel.PHONE ? Priority.P1 : requestedPriority.orElse(Priority.NORMAL);
        return new Ticket(id, channel, customer, subject, body, attachments, metadata, priority,
                TicketStatus.RECEIVED, Optional.empty(), Optional.empty(), 0, now, now);
    }

    /** This ticket as triage left it: classified, prioritised, and waiting in its team's queue. */
    public Ticket triaged(Classification decision, Priority decidedPriority) {
        return new Ticket(id, channel, customer, subject, body, attachments, metadata, decidedPriority,
                TicketStatus.QUEUED, Optional.of(decision), assignee, version, createdAt, updatedAt);
    }

    /**
     * This open ticket after a duplicate joined it: the more urgent of the two priorities, a new version,
     * active now. The duplicate's text becomes a message of this ticket.
     */
    public Ticket joinedBy(Ticket duplicate) {
        Priority urgent = duplicate.priority.compareTo(priority) < 0 ? duplicate.priority : priority;
        return new Ticket(id, channel, customer, subject, body, attachments, metadata, urgent, status, classification,
                assignee, version + 1, createdAt, duplicate.createdAt.isAfter(updatedAt) ? duplicate.createdAt : updatedAt);
    }

    /** Subject and body as one text, as triage reads it. */
    public String text() {
        return subject.isEmpty() ? body : subject + "\n" + body;
    }

    /** Still being worked on: a later message from the customer belongs to it. */
    public boolean isOpen() {
        return status.isOpen();
    }
}
