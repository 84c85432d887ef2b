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

    /**
     * This ticket as a person changed it, with the events that record each change. The rules:
     * <ul>
     * <li>a closed ticket is final, and a ticket still in triage cannot be changed yet;</li>
     * <li>status may be set to open, pending, resolved, closed or queued; open and pending need someone
     *     to hold the ticket, queued puts it back in its queue held by nobody;</li>
     * <li>an assignee given without a status holds the ticket open;</li>
     * <li>a move to another team takes the ticket from whoever held it into that team's queue, unless an
     *     assignee is given too;</li>
     * <li>resolving or closing lets go of the assignee (the event log keeps who it was).</li>
     * </ul>
     *
     * @param misroute whether a change of category or team counts as a misroute (an agent found triage wrong)
     * @throws TicketEditRejected naming the field when the change does not fit the ticket
     */
    public TicketChanged edited(TicketEdit edit, Actor by, boolean misroute, Instant now) {
        if (status == TicketStatus.CLOSED) {
            throw new TicketEditRejected("status", "a closed ticket is final");
        }
        if (classification.isEmpty()) {
            throw new TicketEditRejected("status", "the ticket is still being triaged");
        }
        Classification decided = classification.get();
        edit.status().filter(s -> s == TicketStatus.RECEIVED || s == TicketStatus.ASSIGNED).ifPresent(s -> {
            throw new TicketEditRejected("status", "status may be set to open, pending, resolved, closed or queued");
        });
        if (edit.assignee().isPresent() && edit.status().filter(s -> !s.isHeld()).isPresent()) {
            throw new TicketEditRejected("assignee", "a ticket that is " + edit.status().get().wireName() + " has no assignee");
        }
        String newCategory = edit.category().orElse(decided.category());
        String newTeam = edit.team().orElse(decided.team());
        boolean recategorised = !newCategory.equals(decided.category()) || !newTeam.equals(decided.team());

        Optional<String> newAssignee = edit.assignee().or(() -> assignee);
        TicketStatus newStatus;
        if (edit.status().isPresent()) {
            newStatus = edit.status().get();
        } else if (edit.assignee().isPresent()) {
            // A person's choice needs no acknowledgement: the ticket is the assignee's at once.
            newStatus = status == TicketStatus.PENDING ? TicketStatus.PENDING : TicketStatus.OPEN;
        } else if (!newTeam.equals(decided.team()) && status.isHeld()) {
            newStatus = TicketStatus.QUEUED; // to the new team's queue
        } else {
            newStatus = status;
        }
        if (!newStatus.isHeld()) {
            newAssignee = Optional.empty();
        } else if (newAssignee.isEmpty()) {
            throw new TicketEditRejected("assignee", "a ticket that is " + newStatus.wireName() + " needs an assignee");
        }
        Priority newPriority = edit.priority().orElse(priority);

        java.util.List<TicketEvent> events = new java.util.ArrayList<>();
        if (recategorised) {
            events.add(new TicketEvent(id, misroute ? TicketEvent.MISROUTED : TicketEvent.RECATEGORISED, by, Map.of(
                    "fromCategory", decided.category(), "toCategory", newCategory,
                    "fromTeam", decided.team(), "toTeam", newTeam, "decidedBy", decided.decidedBy()), now));
        }
        if (newPriority != priority) {
            events.add(new TicketEvent(id, TicketEvent.REPRIORITISED, by,
                    Map.of("from", priority.name(), "to", newPriority.name()), now));
        }
        if (!newAssignee.equals(assignee) && newAssignee.isPresent()) {
            events.add(new TicketEvent(id, TicketEvent.REASSIGNED, by,
                    Map.of("from", assignee.orElse(""), "to", newAssignee.get()), now));
        }
        if (newStatus != status) {
            events.add(new TicketEvent(id, TicketEvent.STATUS_CHANGED, by,
                    Map.of("from", status.wireName(), "to", newStatus.wireName(), "assignee", assignee.orElse("")), now));
        }
        Classification newClassification = recategorised
                ? new Classification(newCategory, newTeam, 1.0, false, by.toString(), decided.tags())
                : decided;
        Ticket after = new Ticket(id, channel, customer, subject, body, attachments, metadata, newPriority, newStatus,
                Optional.of(newClassification), newAssignee, version + 1, createdAt, now);
        return new TicketChanged(this, after, by, events);
    }

    /** Subject and body as one text, as triage reads it. */
    /** The team triage sent it to; empty before triage. */
    public String team() {
        return classification.map(Classification::team).orElse("");
    }

    public String text() {
        return subject.isEmpty() ? body : subject + "\n" + body;
    }

    /** Still being worked on: a later message from the customer belongs to it. */
    public boolean isOpen() {
        return status.isOpen();
    }
}
