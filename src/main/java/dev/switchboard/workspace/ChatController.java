package dev.switchboard.workspace;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.switchboard.intake.Submitter;
import dev.switchboard.intake.TicketIntake;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.FieldProblem;
import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chat widget's API, public and cookie-free: a customer opens a conversation (a {@code chat} ticket,
 * through intake), and holds its token, the same signed token as the portal's tracking link. With it
 * they read the conversation, write to it, and follow it live (server-sent events). Agents' replies
 * come from the ticket page; internal notes never reach the customer.
 */
@RestController
@RequestMapping("/api/v1/chat/conversations")
class ChatController {

    private final TicketIntake intake;
    private final Tickets tickets;
    private final TicketDesk desk;
    private final TrackingLinks links;
    private final ConversationStreams streams;
    private final ChatProperties properties;
    private final RateLimiter limiter = new RateLimiter(100_000, Duration.ofMinutes(1));
    private final JsonMapper json = JsonMapper.builder().build();

    ChatController(TicketIntake intake, Tickets tickets, TicketDesk desk, TrackingLinks links, ConversationStreams streams,
                   ChatProperties properties) {
        this.intake = intake;
        this.tickets = tickets;
        this.desk = desk;
        this.links = links;
        this.streams = streams;
        this.properties = properties;
    }

    /** A message as the customer sees it: theirs, or the support team's. */
    record ChatMessage(String id, String from, String text, String at) {
        static ChatMessage of(Message m) {
            return new ChatMessage(m.id(), m.author().kind() == Actor.Kind.CUSTOMER ? "customer" : "agent", m.body(), m.at().toString());
        }
    }

    record Conversation(String token, String ticketId, String status, List<ChatMessage> messages) {
    }

    record Opening(String name, String email, String text) {
    }

    record Said(String text) {
    }

    @PostMapping
    ResponseEntity<Conversation> open(@RequestBody Opening opening, HttpServletRequest request) {
        ObjectNode item = json.createObjectNode();
        item.put("channel", "chat");
        item.putObject("customer").put("email", Optional.ofNullable(opening.email()).orElse(""))
                .put("name", Optional.ofNullable(opening.name()).orElse(""));
        item.put("body", Optional.ofNullable(opening.text()).orElse(""));
        item.putObject("metadata").put("source", dev.switchboard.ticket.Duplicates.CHAT_WIDGET);
        TicketIntake.ItemResult result = intake.accept(List.of(item), Submitter.anonymous(request.getRemoteAddr()), Optional.empty())
                .getFirst();
        return switch (result) {
            case TicketIntake.ItemResult.Accepted accepted -> {
                Ticket ticket = accepted.ticket();
                String token = links.tokenFor(ticket.id());
                yield ResponseEntity.created(URI.create("/api/v1/chat/conversations/" + token))
                        .body(new Conversation(token, ticket.id().value(), ticket.status().wireName(), List.of(ChatMessage.of(opening(ticket)))));
            }
            case TicketIntake.ItemResult.Rejected rejected -> throw new InvalidRequestException(rejected.problems().stream()
                    .map(p -> new FieldProblem(field(p.field()), CustomerProblems.message(p))).toList());
            // A chat never joins another ticket (see Duplicates), and the widget sends no idempotency key.
            default -> throw new IllegalStateException("a chat was not opened: " + result);
        };
    }

    @GetMapping("/{token}")
    Conversation read(@PathVariable String token) {
        Ticket ticket = ticket(token);
        return new Conversation(token, ticket.id().value(), ticket.status().wireName(), customerView(ticket));
    }

    @PostMapping("/{token}/messages")
    ResponseEntity<ChatMessage> say(@PathVariable String token, @RequestBody Said said, HttpServletRequest request) {
        Ticket ticket = ticket(token);
        limiter.consume("chat:" + request.getRemoteAddr(), new RateLimiter.Limit(properties.messagesPerMinute(), Duration.ofMinutes(1)), 1);
        try {
            Message message = desk.customerReply(ticket.id(), said.text());
            return ResponseEntity.status(HttpStatus.CREATED).body(ChatMessage.of(message));
        } catch (InvalidRequestException invalid) {
            throw new InvalidRequestException("text", invalid.problems().getFirst().message());
        }
    }

    /** The conversation live: each message as an event named {@code message}, its id the message's. */
    @GetMapping(path = "/{token}/events", produces = "text/event-stream")
    SseEmitter follow(@PathVariable String token, @RequestHeader(name = "Last-Event-ID", required = false) String lastSeen) {
        Ticket ticket = ticket(token);
        return streams.open(ticket.id(), false, conversation(ticket), lastSeen, ChatMessage::of);
    }

    /** The chat's opening text as its first message: the ticket's id and body, the customer's. */
    private static Message opening(Ticket ticket) {
        return new Message(ticket.id().value(), ticket.id(), new Actor(Actor.Kind.CUSTOMER, ticket.customer().id()), ticket.body(),
                false, ticket.createdAt());
    }

    /** The whole conversation, the opening text first. */
    private List<Message> conversation(Ticket ticket) {
        List<Message> all = new ArrayList<>();
        all.add(opening(ticket));
        all.addAll(tickets.conversation(ticket.id()));
        return all;
    }

    private List<ChatMessage> customerView(Ticket ticket) {
        return conversation(ticket).stream().filter(m -> !m.internal()).map(ChatMessage::of).toList();
    }

    private Ticket ticket(String token) {
        return links.verify(token).flatMap(tickets::find).orElseThrow(() -> TicketDeskException.NotFound.conversation());
    }

    private static String field(String intakeField) {
        return switch (intakeField) {
            case "customer.email", "customer", "customer.id" -> "email";
            case "customer.name" -> "name";
            case "body" -> "text";
            default -> intakeField;
        };
    }

    @ExceptionHandler(TicketDeskException.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(TicketDeskException.NotFound e) {
        return ApiProblems.notFound("no such conversation");
    }

    @ExceptionHandler(TicketDeskException.Forbidden.class)
    ResponseEntity<ProblemDetail> closed(TicketDeskException.Forbidden e) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "closed", "Conversation closed", e.getMessage());
    }
}
