package dev.switchboard.workspace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.access.SignedInUser;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.AgentRoster;
import dev.switchboard.routing.Agents;
import dev.switchboard.routing.RoutingStage;
import dev.switchboard.routing.Teams;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEdit;
import dev.switchboard.ticket.TicketEditRejected;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.triage.TeamDirectory;
import dev.switchboard.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages people work in: an agent's desk (their tickets and their team's queue, live), ticket lists,
 * and the ticket view with its conversation, reply box, notes and changes. Forms post with the session
 * and its CSRF token; a change carries the version the page showed, so a stale one is refused with the
 * current ticket, as in the API.
 */
@Controller
class DeskPages {

    private static final Logger log = LoggerFactory.getLogger(DeskPages.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(5);

    private final TicketDesk desk;
    private final RoutingStage routing;
    private final AgentRoster roster;
    private final Agents agents;
    private final Teams teams;
    private final TeamDirectory directory;
    private final WorkspaceProperties properties;
    private final TrackingLinks links;
    private final dev.switchboard.access.Users users;

    private final TicketFiles files;
    private final ConversationStreams streams;

    DeskPages(TicketDesk desk, RoutingStage routing, AgentRoster roster, Agents agents, Teams teams, TeamDirectory directory,
              WorkspaceProperties properties, TrackingLinks links, dev.switchboard.access.Users users, TicketFiles files,
              ConversationStreams streams) {
        this.streams = streams;
        this.files = files;
        this.users = users;
        this.links = links;
        this.desk = desk;
        this.routing = routing;
        this.roster = roster;
        this.agents = agents;
        this.teams = teams;
        this.directory = directory;
        this.properties = properties;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal SignedInUser user) {
        return switch (user.user().role()) {
            case AGENT -> "redirect:/desk";
            case LEAD -> "redirect:/lead";
            default -> "redirect:/tickets";
        };
    }

    @GetMapping("/desk")
    String desk(@AuthenticationPrincipal SignedInUser user, Model model) {
        lists(user, model);
        model.addAttribute("agent", agents.find(user.user().id()).orElse(null));
        return "desk";
    }

    /** The desk's two lists, which the page reloads whenever the stream says something changed. */
    @GetMapping("/desk/lists")
    String lists(@AuthenticationPrincipal SignedInUser user, Model model) {
        Caller caller = user.caller();
        model.addAttribute("mine", desk.page(caller, new TicketFilters("assigned,open,pending", null, null, "me", null, null,
                null, null, properties.maxPageSize())).tickets());
        model.addAttribute("queue", desk.page(caller, new TicketFilters("queued", null, caller.team(), null, null, null,
                null, null, properties.pageSize())).tickets());
        return "desk :: lists";
    }

    @PostMapping("/desk/availability")
    String availability(@AuthenticationPrincipal SignedInUser user, @RequestParam boolean available, Model model,
                        @org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx) {
        Agent agent = roster.setAvailable(user.user().id(), available).orElseThrow();
        model.addAttribute("agent", agent);
        return htmx == null ? "redirect:/desk" : "desk :: availability"; // without JavaScript, the whole desk again
    }

    @GetMapping("/tickets")
    String tickets(@AuthenticationPrincipal SignedInUser user, TicketFilters filters, Model model, HttpServletResponse response) {
        model.addAttribute("filters", filters);
        try {
            TicketDesk.Page page = desk.page(user.caller(), filters);
            model.addAttribute("tickets", page.tickets());
            model.addAttribute("nextCursor", page.nextCursor().orElse(null));
        } catch (InvalidRequestException bad) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("tickets", List.of());
            model.addAttribute("error", bad.problems().stream().map(p -> p.field() + ": " + p.message()).toList());
        }
        return "tickets";
    }

    /** The ticket; opening an offer made to the agent acknowledges it (stored before the page shows). */
    @GetMapping("/tickets/{id}")
    String ticket(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, Model model) {
        Ticket ticket = desk.get(user.caller(), id);
        String me = user.user().id();
        if (ticket.status() == TicketStatus.ASSIGNED && ticket.assignee().filter(me::equals).isPresent()) {
            try {
                if (routing.acknowledgeNow(ticket.id(), me).get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    ticket = desk.get(user.caller(), id);
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException slow) {
                log.warn("could not acknowledge {} on opening it: {}", id, slow.toString());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return show(user, ticket, model);
    }

    /** A message as the ticket page shows it live. */
    record LiveMessage(String id, String kind, String who, String text, boolean internal, String at) {
    }

    /** The ticket's conversation live, notes included: each new message as an event named {@code message}. */
    @GetMapping(path = "/tickets/{id}/events", produces = "text/event-stream")
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter events(
            @AuthenticationPrincipal SignedInUser user, @PathVariable String id,
            @org.springframework.web.bind.annotation.RequestHeader(name = "Last-Event-ID", required = false) String lastSeen,
            @RequestParam(required = false) String after) {
        Ticket ticket = desk.get(user.caller(), id);
        return streams.open(ticket.id(), true, desk.conversation(ticket), lastSeen != null ? lastSeen : after,
                m -> new LiveMessage(m.id(), m.internal() ? "note" : m.author().kind() == dev.switchboard.ticket.Actor.Kind.CUSTOMER
                        ? "customer" : "agent",
                        m.author().kind() == dev.switchboard.ticket.Actor.Kind.USER ? nameOf(m.author().id()) : "",
                        m.body(), m.internal(), m.at().toString()));
    }

    @GetMapping("/tickets/{id}/attachments/{attachment}")
    org.springframework.http.ResponseEntity<org.springframework.core.io.InputStreamResource> attachment(
            @AuthenticationPrincipal SignedInUser user, @PathVariable String id, @PathVariable String attachment) {
        return files.download(user.caller(), id, attachment);
    }

    /** A person's name as the ticket page shows it; their id when they are gone. */
    private String nameOf(String userId) {
        return users.find(userId).map(dev.switchboard.access.User::name).orElse(userId);
    }

    private String show(SignedInUser user, Ticket ticket, Model model) {
        model.addAttribute("ticket", ticket);
        // The files by the message they came with; the opening text's under "".
        model.addAttribute("files", files.of(ticket).stream().collect(java.util.stream.Collectors.groupingBy(
                (dev.switchboard.channels.Attachment a) -> a.messageId().orElse(""))));
        List<dev.switchboard.ticket.Message> messages = desk.conversation(ticket);
        model.addAttribute("messages", messages);
        model.addAttribute("names", messages.stream().map(dev.switchboard.ticket.Message::author)
                .filter(a -> a.kind() == dev.switchboard.ticket.Actor.Kind.USER).map(dev.switchboard.ticket.Actor::id).distinct()
                .collect(java.util.stream.Collectors.toMap(id -> id, this::nameOf)));
        model.addAttribute("events", desk.history(ticket));
        model.addAttribute("sla", desk.sla(ticket));
        model.addAttribute("statuses", List.of("open", "pending", "resolved", "closed", "queued"));
        model.addAttribute("priorities", List.of(Priority.values()));
        model.addAttribute("categories", directory.get().keySet().stream().sorted().toList());
        model.addAttribute("teams", teams.list().stream().map(dev.switchboard.routing.Team::name).toList());
        boolean assigns = user.user().role() != Role.AGENT;
        model.addAttribute("assignable", assigns ? agents.list() : List.of());
        model.addAttribute("mine", ticket.assignee().filter(user.user().id()::equals).isPresent());
        model.addAttribute("trackingLink", "/portal/t/" + links.tokenFor(ticket.id()));
        return "ticket";
    }

    /** A change from the ticket page; an empty field stays as it is. */
    @PostMapping("/tickets/{id}")
    String change(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, @RequestParam long version,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String priority,
                  @RequestParam(required = false) String category, @RequestParam(required = false) String team,
                  @RequestParam(required = false) String assignee, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Ticket before = desk.get(user.caller(), id);
        TicketEdit edit = new TicketEdit(
                given(status).flatMap(TicketStatus::parse).filter(s -> !s.wireName().equals(before.status().wireName())),
                given(priority).flatMap(Priority::parse).filter(p -> p != before.priority()),
                given(category).filter(c -> before.classification().filter(k -> k.category().equals(c)).isEmpty()),
                given(team).filter(t -> before.classification().filter(k -> k.team().equals(t)).isEmpty()),
                given(assignee).map(a -> a.equals("me") ? user.user().id() : a).filter(a -> !before.assignee().equals(Optional.of(a))));
        if (edit.isEmpty()) {
            redirect.addFlashAttribute("notice", "Nothing to change.");
            return "redirect:/tickets/" + id;
        }
        try {
            desk.edit(user.caller(), id, version, edit);
            redirect.addFlashAttribute("notice", "Saved.");
            return "redirect:/tickets/" + id;
        } catch (TicketDeskException.Stale stale) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("conflict", true);
            return show(user, stale.current(), model);
        } catch (TicketDeskException.Forbidden | TicketDeskException.Unknown | TicketEditRejected refused) {
            response.setStatus(refused instanceof TicketDeskException.Forbidden ? 403 : 422);
            model.addAttribute("error", refused.getMessage());
            return show(user, desk.get(user.caller(), id), model);
        }
    }

    @PostMapping("/tickets/{id}/messages")
    String write(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, @RequestParam String body,
                 @RequestParam(defaultValue = "false") boolean internal, Model model, HttpServletResponse response,
                 RedirectAttributes redirect) {
        try {
            desk.write(user.caller(), id, body, internal);
        } catch (TicketDeskException.Forbidden refused) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", refused.getMessage());
            return show(user, desk.get(user.caller(), id), model);
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", invalid.problems().getFirst().message());
            return show(user, desk.get(user.caller(), id), model);
        }
        redirect.addFlashAttribute("notice", internal ? "Note added." : "Reply sent.");
        return "redirect:/tickets/" + id + "#conversation";
    }

    private static Optional<String> given(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(TicketDeskException.NotFound.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        return "error";
    }
}
