package dev.switchboard.intake;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.access.Caller;
import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.FieldProblem;
import dev.switchboard.web.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * Intake over HTTP: {@code POST /api/v1/tickets} for one ticket, {@code POST /api/v1/tickets/batch} for
 * up to {@code switchboard.intake.batch-max-items}. Answers 202 only once a ticket is durable.
 */
@RestController
@RequestMapping(path = "/api/v1/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
public class TicketIntakeController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on an answer that repeats an earlier one for the same {@code Idempotency-Key}. */
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int IDEMPOTENCY_KEY_MAX_CHARS = 255;

    private final TicketIntake intake;
    private final IntakeProperties properties;
    private final IntakeMetrics metrics;

    TicketIntakeController(TicketIntake intake, IntakeProperties properties, IntakeMetrics metrics) {
        this.intake = intake;
        this.properties = properties;
        this.metrics = metrics;
    }

    @PostMapping
    public ResponseEntity<?> submit(@RequestBody JsonNode body,
                                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                    @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return metrics.latency(false).record(() -> {
            TicketIntake.ItemResult result = intake.accept(List.of(body), submitter(caller, request),
                    checkedKey(idempotencyKey)).getFirst();
            return switch (result) {
                case TicketIntake.ItemResult.Accepted accepted -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/tickets/" + accepted.ticket().id()))
                        .header(REPLAYED, Boolean.toString(accepted.replayed()))
                        .body(TicketReceipt.of(accepted.ticket()));
                case TicketIntake.ItemResult.Merged merged -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/tickets/" + merged.joined().id()))
                        .header(REPLAYED, "false")
                        .body(TicketReceipt.of(merged.joined(), true));
                case TicketIntake.ItemResult.Rejected rejected -> throw new InvalidRequestException(rejected.problems());
                case TicketIntake.ItemResult.KeyReused reused -> keyReused(reused.key());
            };
        });
    }

    /** The answer to a batch: one result per item, in order. */
    public record BatchReceipt(int accepted, int rejected, List<BatchItem> results) {
    }

    /** One item's result: {@code status} is the HTTP status it would have had on its own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchItem(int index, int status, TicketReceipt ticket, Boolean replayed, List<FieldProblem> errors,
                            String detail) {
    }

    @PostMapping("/batch")
    public ResponseEntity<BatchReceipt> submitBatch(@RequestBody JsonNode body,
                                                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                                    @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return metrics.latency(true).record(() -> {
            List<JsonNode> items = batchItems(body);
            List<TicketIntake.ItemResult> results = intake.accept(items, submitter(caller, request),
                    checkedKey(idempotencyKey));
            List<BatchItem> out = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                out.add(batchItem(i, results.get(i)));
            }
            int accepted = (int) results.stream().filter(r -> r instanceof TicketIntake.ItemResult.Accepted
                    || r instanceof TicketIntake.ItemResult.Merged).count();
            return ResponseEntity.ok(new BatchReceipt(accepted, results.size() - accepted, out));
        });
    }

    private static BatchItem batchItem(int index, TicketIntake.ItemResult result) {
        return switch (result) {
            case TicketIntake.ItemResult.Accepted a -> new BatchItem(index, HttpStatus.ACCEPTED.value(),
                    TicketReceipt.of(a.ticket()), a.replayed(), null, null);
            case TicketIntake.ItemResult.Merged m -> new BatchItem(index, HttpStatus.ACCEPTED.value(),
                    TicketReceipt.of(m.joined(), true), false, null, null);
            case TicketIntake.ItemResult.Rejected r -> new BatchItem(index, HttpStatus.BAD_REQUEST.value(), null, null,
                    r.problems().stream().map(p -> p.prefixed("tickets[" + index + "]")).toList(), null);
            case TicketIntake.ItemResult.KeyReused k -> new BatchItem(index, HttpStatus.UNPROCESSABLE_CONTENT.value(),
                    null, null, null, keyReusedDetail(k.key()));
        };
    }

    private List<JsonNode> batchItems(JsonNode body) {
        JsonNode tickets = body.isObject() ? body.get("tickets") : null;
        if (tickets == null || !tickets.isArray()) {
            throw new InvalidRequestException("tickets", "is required: an array of tickets");
        }
        if (tickets.isEmpty()) {
            throw new InvalidRequestException("tickets", "must hold at least one ticket");
        }
        if (tickets.size() > properties.batchMaxItems()) {
            throw new InvalidRequestException("tickets", "must hold at most " + properties.batchMaxItems() + " tickets");
        }
        List<FieldProblem> unknown = body.propertyNames().stream().filter(name -> !name.equals("tickets"))
                .map(name -> new FieldProblem(name, ApiProblems.UNKNOWN_FIELD)).toList();
        if (!unknown.isEmpty()) { // as every other body: a field it does not have is named, not ignored
            throw new InvalidRequestException(unknown);
        }
        List<JsonNode> items = new ArrayList<>(tickets.size());
        tickets.forEach(items::add);
        return items;
    }

    private static Submitter submitter(Caller caller, HttpServletRequest request) {
        return new Submitter(Optional.ofNullable(caller), request.getRemoteAddr());
    }

    private static Optional<String> checkedKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isEmpty() || key.length() > IDEMPOTENCY_KEY_MAX_CHARS || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY, "must be 1 to " + IDEMPOTENCY_KEY_MAX_CHARS
                    + " visible ASCII characters");
        }
        return Optional.of(key);
    }

    private static ResponseEntity<?> keyReused(String key) {
        return ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key reused", keyReusedDetail(key));
    }

    private static String keyReusedDetail(String key) {
        return "Idempotency-Key '" + key + "' was already used with a different request; use a new key for a new ticket";
    }
}
