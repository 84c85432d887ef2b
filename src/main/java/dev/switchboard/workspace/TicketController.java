package dev.switchboard.workspace;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.access.Caller;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TextSanitizer;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEdit;
import dev.switchboard.ticket.TicketEditRejected;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.FieldProblem;
import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.workspace.TicketViews.MessageView;
import dev.switchboard.workspace.TicketViews.TicketSummary;
import dev.switchboard.workspace.TicketViews.TicketView;

/**
 * The tickets people work on: lists with filters and cursors, one ticket with its conversation and
 * log, changes under optimistic locking ({@code ETag} / {@code If-Match}), replies and notes.
 */
@RestController
@RequestMapping("/api/v1/tickets")
public class TicketController {

    private final TicketDesk desk;
    private final TicketFiles files;

    TicketController(TicketDesk desk, TicketFiles files) {
        this.desk = desk;
        this.files = files;
    }

    /** A page of a list, and where the next one starts (null on the last page). */
    public record Page(List<TicketSummary> items, String nextCursor) {
    }

    /**
     * Tickets in queue order (priority, then age). Filters take comma-separated values; {@code assignee=me}
     * is the caller. Only tickets the caller may see are listed.
     */
    @GetMapping
    public Page list(@AuthenticationPrincipal Caller caller,
                     @RequestParam(required = false) String status, @RequestParam(required = false) String priority,
                     @RequestParam(required = false) String team, @RequestParam(required = false) String assignee,
                     @RequestParam(required = false) String category,
                     @RequestParam(name = "needs_human_review", required = false) String needsHumanReview,
                     @RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
                     @RequestParam(required = false) Integer limit) {
        TicketFilters filters = new TicketFilters(status, priority, team, assignee, category, needsHumanReview, q, cursor, limit);
        TicketDesk.Page page = desk.page(caller, filters);
        return new Page(page.tickets().stream().map(TicketSummary::of).toList(), page.nextCursor().orElse(null));
    }

    @GetMapping("/{id}")
    public ResponseEntity<TicketView> get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return full(desk.get(caller, id), HttpStatus.OK);
    }

    /** A change; absent fields stay as they are. */
    public record TicketPatch(String status, String priority, String category, String team, String assignee) {
    }

    /**
     * Changes a ticket. The request must carry {@code If-Match} with the {@code ETag} the caller read:
     * without it the answer is 428; when the ticket changed since, 409 with the current ticket as the body.
     */
    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    public ResponseEntity<TicketView> patch(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestBody TicketPatch patch) {
        long version = ETags.version(ifMatch);
        return full(desk.edit(caller, id, version, edit(patch)), HttpStatus.OK);
    }

    private static TicketEdit edit(TicketPatch patch) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<TicketStatus> status = Optional.ofNullable(patch.status()).flatMap(s -> {
            Optional<TicketStatus> parsed = TicketStatus.parse(s).filter(EDITABLE::contains);
            if (parsed.isEmpty()) {
                problems.add(new FieldProblem("status", "must be one of open, pending, resolved, closed, queued"));
            }
            return parsed;
        });
        Optional<Priority> priority = Optional.ofNullable(patch.priority()).flatMap(p -> {
            Optional<Priority> parsed = Priority.parse(p);
            if (parsed.isEmpty()) {
                problems.add(new FieldProblem("priority", "must be one of P1, P2, P3, P4"));
            }
            return parsed;
        });
        Optional<String> category = name("category", patch.category(), problems);
        Optional<String> team = name("team", patch.team(), problems);
        Optional<String> assignee = name("assignee", patch.assignee(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        TicketEdit edit = new TicketEdit(status, priority, category, team, assignee);
        if (edit.isEmpty()) {
            // No one field is wrong: the body as a whole ("$", as intake names a body that is not an object) asks for nothing.
            throw new InvalidRequestException("$", "name at least one of status, priority, category, team, assignee");
        }
        return edit;
    }

    private static final Set<TicketStatus> EDITABLE = EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING,
            TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.QUEUED);

    private static Optional<String> name(String field, String value, List<FieldProblem> problems) {
        if (value == null) {
            return Optional.empty();
        }
        String name = TextSanitizer.singleLine(value);
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new FieldProblem(field, "must be 1 to 100 characters"));
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** A reply to the customer, or an internal note ({@code "internal": true}) only people here see. */
    public record NewMessage(String body, Boolean internal) {
    }

    @PostMapping(path = "/{id}/messages", consumes = "application/json")
    public ResponseEntity<MessageView> write(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                             @RequestBody NewMessage request) {
        Message message = desk.write(caller, id, request.body(), Boolean.TRUE.equals(request.internal()));
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + id + "/messages/" + message.id()))
                .body(MessageView.of(message));
    }

    /** A file that came with the ticket, as its record says. */
    public record AttachmentView(String id, String filename, String contentType, long size, String messageId, String createdAt,
                                 String href) {
        static AttachmentView of(dev.switchboard.channels.Attachment a) {
            return new AttachmentView(a.id(), a.filename(), a.contentType(), a.size(), a.messageId().orElse(null),
                    a.createdAt().toString(), "/api/v1/tickets/" + a.ticketId().value() + "/attachments/" + a.id());
        }
    }

    @GetMapping("/{id}/attachments")
    public List<AttachmentView> attachments(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return files.of(caller, id).stream().map(AttachmentView::of).toList();
    }

    /** The file's bytes, always as a download. */
    @GetMapping("/{id}/attachments/{attachment}")
    public ResponseEntity<org.springframework.core.io.InputStreamResource> attachment(@AuthenticationPrincipal Caller caller,
                                                                                     @PathVariable String id,
                                                                                     @PathVariable String attachment) {
        return files.download(caller, id, attachment);
    }

    private ResponseEntity<TicketView> full(Ticket ticket, HttpStatus status) {
        return ResponseEntity.status(status).eTag(ETags.of(ticket))
                .body(TicketView.of(ticket, desk.sla(ticket), desk.conversation(ticket), desk.history(ticket)));
    }

    @ExceptionHandler(TicketDeskException.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(TicketDeskException.NotFound e) {
        return ApiProblems.notFound(e.getMessage());
    }

    @ExceptionHandler(TicketDeskException.Forbidden.class)
    ResponseEntity<ProblemDetail> forbidden(TicketDeskException.Forbidden e) {
        return ApiProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    /** 409 with the ticket as it is now, and its ETag, so that the client can show it and try again. */
    @ExceptionHandler(TicketDeskException.Stale.class)
    ResponseEntity<TicketView> stale(TicketDeskException.Stale e) {
        return full(e.current(), HttpStatus.CONFLICT);
    }

    @ExceptionHandler(ETags.Missing.class)
    ResponseEntity<ProblemDetail> preconditionRequired(ETags.Missing e) {
        return ApiProblems.problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required",
                e.getMessage());
    }

    @ExceptionHandler(TicketDeskException.Unknown.class)
    ResponseEntity<ProblemDetail> unknown(TicketDeskException.Unknown e) {
        return unprocessable(e.field(), e.getMessage());
    }

    @ExceptionHandler(TicketEditRejected.class)
    ResponseEntity<ProblemDetail> rejected(TicketEditRejected e) {
        return unprocessable(e.field(), e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> unprocessable(String field, String message) {
        ResponseEntity<ProblemDetail> response = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable",
                "Change not possible", message);
        response.getBody().setProperty("errors", List.of(new FieldProblem(field, message)));
        return response;
    }
}
