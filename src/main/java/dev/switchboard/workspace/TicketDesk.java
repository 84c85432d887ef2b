package dev.switchboard.workspace;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.access.Caller;
import dev.switchboard.routing.Agents;
import dev.switchboard.routing.RoutingStage;
import dev.switchboard.routing.Teams;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketChanged;
import dev.switchboard.ticket.TicketEdit;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.TicketQuery;
import dev.switchboard.ticket.TicketUpdates;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.triage.TeamDirectory;

/**
 * The workspace's use cases, shared by the API and the web UI: finding, listing and changing tickets,
 * and writing on them, each as the caller may ({@link TicketPermissions}).
 *
 * <p>A change runs on the routing thread ({@link RoutingStage#change}): the version check, the write
 * and routing's view of the ticket move together, so that a ticket resolved here is not offered to an
 * agent a moment later, and one moved to another team leaves its agent's hands at once.
 */
public class TicketDesk implements dev.switchboard.channels.CustomerReplies {

    private final Tickets tickets;
    private final TicketUpdates updates;
    private final RoutingStage routing;
    private final Agents agents;
    private final Teams teams;
    private final TeamDirectory directory;
    private final String generalistTeam;
    private final WorkspaceProperties properties;
    private final Clock clock;
    private final dev.switchboard.channels.Deadlines deadlines;
    private final dev.switchboard.channels.SlaWatch slas;
    /** Told of every message written here, once it is stored: the live views of conversations. */
    private final java.util.List<java.util.function.Consumer<Message>> messageListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TicketDesk(Tickets tickets, TicketUpdates updates, RoutingStage routing, Agents agents, Teams teams,
                      TeamDirectory directory, String generalistTeam, WorkspaceProperties properties, Clock clock,
                      dev.switchboard.channels.Deadlines deadlines, dev.switchboard.channels.SlaWatch slas) {
        this.deadlines = deadlines;
        this.slas = slas;
        this.tickets = tickets;
        this.updates = updates;
        this.routing = routing;
        this.agents = agents;
        this.teams = teams;
        this.directory = directory;
        this.generalistTeam = generalistTeam;
        this.properties = properties;
        this.clock = clock;
    }

    /** Tells the listener of every message written through this desk (on this node), after it is stored. */
    public void onMessage(java.util.function.Consumer<Message> listener) {
        messageListeners.add(listener);
    }

    private void written(Message message) {
        for (var listener : messageListeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException failed) {
                org.slf4j.LoggerFactory.getLogger(TicketDesk.class).warn("a live view of {} failed: {}", message.ticketId(), failed.toString());
            }
        }
    }

    /** The ticket, if it exists and the caller may see it. */
    public Optional<Ticket> find(Caller caller, TicketId id) {
        return tickets.find(id).filter(t -> TicketPermissions.maySee(caller, t));
    }

    public Ticket get(Caller caller, String id) {
        return TicketId.parse(id).flatMap(t -> find(caller, t)).orElseThrow(() -> TicketDeskException.NotFound.ticket(id));
    }

    /** One page of the tickets the caller may see that match; the query's own visibility is replaced by the caller's. */
    public List<Ticket> search(Caller caller, TicketQuery query) {
        return tickets.search(new TicketQuery(TicketPermissions.visibility(caller), query.statuses(), query.priorities(),
                query.teams(), query.assignees(), query.categories(), query.needsHumanReview(), query.text(), query.after(),
                Math.min(query.limit(), properties.maxPageSize() + 1)));
    }

    /** A page of a list and the cursor of the next one (empty on the last page). */
    public record Page(List<Ticket> tickets, Optional<String> nextCursor) {
    }

    /**
     * One page of the tickets the caller may see that match the filters.
     *
     * @throws dev.switchboard.web.InvalidRequestException naming every filter that is not understood
     */
    public Page page(Caller caller, TicketFilters filters) {
        int size = filters.pageSize(properties);
        List<Ticket> found = search(caller, filters.toQuery(caller, properties));
        List<Ticket> page = found.subList(0, Math.min(size, found.size()));
        Optional<String> next = found.size() > size
                ? Optional.of(Cursors.encode(TicketQuery.Position.of(page.getLast()))) : Optional.empty();
        return new Page(List.copyOf(page), next);
    }

    /** The ticket's SLA targets as they stand. */
    public TicketViews.SlaView sla(Ticket ticket) {
        dev.switchboard.channels.Deadlines.Status status = deadlines.status(ticket.id());
        return new TicketViews.SlaView(
                slas.due(dev.switchboard.channels.Deadlines.Target.FIRST_RESPONSE, ticket.priority(), ticket.createdAt()).orElse(null),
                status.firstResponseAt().orElse(null), status.firstResponseBreached(),
                slas.due(dev.switchboard.channels.Deadlines.Target.RESOLUTION, ticket.priority(), ticket.createdAt()).orElse(null),
                status.resolutionBreached());
    }

    public List<Message> conversation(Ticket ticket) {
        return tickets.conversation(ticket.id());
    }

    public List<TicketEvent> history(Ticket ticket) {
        return tickets.history(ticket.id());
    }

    /**
     * Changes a ticket the caller holds at {@code expectedVersion}: the ticket as it is afterwards.
     *
     * @throws TicketDeskException for a ticket not found, a change not allowed, a stale version or an unknown name
     * @throws dev.switchboard.ticket.TicketEditRejected for a change the ticket cannot take in its state
     */
    public Ticket edit(Caller caller, String id, long expectedVersion, TicketEdit requested) {
        TicketId ticketId = TicketId.parse(id).orElseThrow(() -> TicketDeskException.NotFound.ticket(id));
        TicketEdit edit = resolveNames(requested);
        var change = routing.change(ticketId, () -> {
            Ticket current = find(caller, ticketId).orElseThrow(() -> TicketDeskException.NotFound.ticket(id));
            if (current.version() != expectedVersion) {
                throw new TicketDeskException.Stale(current, expectedVersion);
            }
            TicketPermissions.refusal(caller, current, edit).ifPresent(why -> {
                throw new TicketDeskException.Forbidden(why);
            });
            TicketChanged changed = current.edited(edit, caller.actor(), caller.role() == dev.switchboard.access.Role.AGENT,
                    clock.instant());
            if (changed.events().isEmpty()) {
                return Optional.<TicketChanged>empty();
            }
            if (!updates.save(changed)) { // changed since it was read here: a duplicate joined it, say
                throw new TicketDeskException.Stale(tickets.find(ticketId).orElseThrow(), expectedVersion);
            }
            return Optional.of(changed);
        });
        Optional<TicketChanged> done = await(change);
        return done.map(TicketChanged::after).orElseGet(() -> get(caller, id));
    }

    /**
     * Adds a reply (the customer sees it) or an internal note (they do not) to a ticket.
     *
     * @throws dev.switchboard.web.InvalidRequestException for a blank or too long text (field {@code body})
     */
    public Message write(Caller caller, String id, String rawText, boolean internal) {
        String text = cleanMessage(rawText);
        Ticket ticket = get(caller, id);
        TicketPermissions.writeRefusal(caller, ticket).ifPresent(why -> {
            throw new TicketDeskException.Forbidden(why);
        });
        Message message = new Message(UlidCreator.getMonotonicUlid().toString(), ticket.id(), caller.actor(), text, internal,
                clock.instant());
        updates.append(message, new TicketEvent(ticket.id(), internal ? TicketEvent.NOTED : TicketEvent.REPLIED,
                caller.actor(), java.util.Map.of("message", message.id(), "channel", ticket.channel().wireName()), message.at()));
        written(message);
        return message;
    }

    /**
     * A customer's reply through their tracking link. It joins the conversation; on a resolved ticket it
     * opens the ticket again, back in its queue. A closed ticket takes no more replies.
     */
    public Message customerReply(TicketId id, String rawText) {
        String text = cleanMessage(rawText);
        Ticket ticket = tickets.find(id).orElseThrow(() -> TicketDeskException.NotFound.ticket(id.value()));
        if (ticket.status() == dev.switchboard.ticket.TicketStatus.CLOSED) {
            throw new TicketDeskException.Forbidden("this ticket is closed; please open a new one");
        }
        dev.switchboard.ticket.Actor customer = new dev.switchboard.ticket.Actor(dev.switchboard.ticket.Actor.Kind.CUSTOMER,
                ticket.customer().id());
        Message message = new Message(UlidCreator.getMonotonicUlid().toString(), id, customer, text, false, clock.instant());
        updates.append(message, new TicketEvent(id, TicketEvent.REPLIED, customer, java.util.Map.of("message", message.id()),
                message.at()));
        written(message);
        if (ticket.status() == dev.switchboard.ticket.TicketStatus.RESOLVED) {
            await(routing.change(id, () -> tickets.find(id)
                    .filter(current -> current.status() == dev.switchboard.ticket.TicketStatus.RESOLVED)
                    .map(current -> current.edited(new TicketEdit(Optional.of(dev.switchboard.ticket.TicketStatus.QUEUED),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), customer, false, clock.instant()))
                    .filter(updates::save)));
        }
        return message;
    }

    @Override
    public Optional<String> reply(TicketId ticket, String customerEmail, String text) {
        Optional<Ticket> found = tickets.find(ticket);
        if (found.isEmpty() || !found.get().customer().email().equalsIgnoreCase(customerEmail)
                || found.get().status() == dev.switchboard.ticket.TicketStatus.CLOSED) {
            return Optional.empty();
        }
        return Optional.of(customerReply(ticket, text).id());
    }

    @Override
    public int replyMaxChars() {
        return properties.messageMaxChars();
    }

    /** A message's text without control characters and outer blanks, checked against the limit. */
    private String cleanMessage(String raw) {
        String text = dev.switchboard.ticket.TextSanitizer.body(raw).strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > properties.messageMaxChars()) {
            throw new dev.switchboard.web.InvalidRequestException("body",
                    "a message has 1 to " + properties.messageMaxChars() + " characters");
        }
        return text;
    }

    /** Fills in the team of a new category, and checks that the team and the assignee exist. */
    private TicketEdit resolveNames(TicketEdit edit) {
        if (edit.team().isPresent()) {
            String team = edit.team().get();
            boolean known = team.equals(generalistTeam) || directory.get().containsValue(team) || teams.find(team).isPresent();
            if (!known) {
                throw new TicketDeskException.Unknown("team", "no team '" + team + "'");
            }
        } else if (edit.category().isPresent()) {
            edit = edit.withTeam(directory.get().getOrDefault(edit.category().get(), generalistTeam));
        }
        if (edit.assignee().isPresent() && agents.find(edit.assignee().get()).isEmpty()) {
            throw new TicketDeskException.Unknown("assignee", "no agent '" + edit.assignee().get() + "'");
        }
        return edit;
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        return dev.switchboard.web.Waiting.await(future, properties.editTimeout(), "routing");
    }
}
