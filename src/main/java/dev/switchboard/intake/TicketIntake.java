package dev.switchboard.intake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.intake.SubmissionValidator.CleanSubmission;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.triage.TriageStage;
import dev.switchboard.web.FieldProblem;
import dev.switchboard.web.JsonPaths;
import dev.switchboard.web.RateLimiter;
import dev.switchboard.web.ServiceUnavailableException;
import dev.switchboard.web.TooManyRequestsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepting tickets: rate limit, read, clean and check each one, give it an id, triage it, and hand
 * the good ones to the group commit; answer only once they are durable. Serves the single and the batch
 * endpoint alike: a single ticket is a batch of one.
 */
public final class TicketIntake {

    /** What became of one submitted item. */
    public sealed interface ItemResult {
        record Accepted(Ticket ticket, boolean replayed) implements ItemResult {
        }

        /** A duplicate of an open ticket: it joined {@code joined} as a message. */
        record Merged(Ticket joined) implements ItemResult {
        }

        record Rejected(List<FieldProblem> problems) implements ItemResult {
        }

        record KeyReused(String key) implements ItemResult {
        }
    }

    private final SubmissionValidator validator;
    private final TriageStage triage;
    private final GroupCommitter committer;
    private final ObjectMapper canonicalJson;
    private final RateLimiter rateLimiter;
    private final RateLimitProperties rateLimits;
    private final Duration commitTimeout;
    private final Clock clock;
    private final IntakeMetrics metrics;
    private final java.util.function.BooleanSupplier backboneUp;
    private final java.util.function.Supplier<Optional<String>> routingBehind;

    /**
     * @param backboneUp    whether routing can hear of stored tickets at all
     * @param routingBehind why routing can take no more tickets for now (its backlog is over its limit), if so
     */
    TicketIntake(SubmissionValidator validator, TriageStage triage, GroupCommitter committer, ObjectMapper canonicalJson,
                 RateLimiter rateLimiter, RateLimitProperties rateLimits, IntakeProperties properties, Clock clock,
                 IntakeMetrics metrics, java.util.function.BooleanSupplier backboneUp,
                 java.util.function.Supplier<Optional<String>> routingBehind) {
        this.backboneUp = backboneUp;
        this.routingBehind = routingBehind;
        this.validator = validator;
        this.triage = triage;
        this.committer = committer;
        this.canonicalJson = canonicalJson;
        this.rateLimiter = rateLimiter;
        this.rateLimits = rateLimits;
        this.commitTimeout = properties.commitTimeout();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Accepts the items in order; one result per item. Items that fail their checks are rejected on
     * their own; the rest are committed together.
     *
     * @param idempotencyKey the request's key; item {@code i} of a batch is keyed {@code key#i}
     * @throws TooManyRequestsException    when the submitter is over its rate limit
     * @throws ServiceUnavailableException when the items could not be made durable in time
     */
    public List<ItemResult> accept(List<JsonNode> items, Submitter submitter, Optional<String> idempotencyKey) {
        limitRate(submitter, items.size());
        if (!backboneUp.getAsBoolean()) { // nothing is written that routing could not hear of
            throw dev.switchboard.backbone.Backbone.unreachable(null);
        }
        Optional<String> behind = routingBehind.get();
        if (behind.isPresent()) { // a ticket accepted now would wait its turn longer than a retry takes
            metrics.count("unknown", IntakeMetrics.Outcome.UNAVAILABLE, items.size());
            throw new ServiceUnavailableException("routing is behind: " + behind.get() + "; try again shortly",
                    Duration.ofSeconds(1), null);
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        List<Admission> admissions = new ArrayList<>();
        List<Integer> admittedAt = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String suffix = items.size() == 1 ? "" : "#" + i;
            Optional<String> key = idempotencyKey.map(k -> k + suffix);
            Optional<ItemResult> rejected = admit(items.get(i), submitter, key, admissions);
            results.add(rejected.orElse(null)); // an admitted item's place is filled once it is committed
            if (rejected.isEmpty()) {
                admittedAt.add(i);
            }
        }
        if (!admissions.isEmpty()) {
            List<IntakeOutcome> outcomes = commit(admissions); // its stored tickets are with routing already
            for (int j = 0; j < outcomes.size(); j++) {
                results.set(admittedAt.get(j), switch (outcomes.get(j)) {
                    case IntakeOutcome.Stored stored -> new ItemResult.Accepted(stored.ticket(), false);
                    case IntakeOutcome.Replayed replayed -> new ItemResult.Accepted(replayed.ticket(), true);
                    case IntakeOutcome.Merged merged -> new ItemResult.Merged(merged.joined());
                    case IntakeOutcome.KeyReused reused -> new ItemResult.KeyReused(reused.key());
                });
            }
        }
        results.forEach(this::count);
        return results;
    }

    /** Reads and checks one item: adds its admission, or returns its rejection. */
    private Optional<ItemResult> admit(JsonNode node, Submitter submitter, Optional<String> key, List<Admission> admissions) {
        if (node == null || !node.isObject()) {
            return Optional.of(new ItemResult.Rejected(List.of(new FieldProblem("$", "must be a JSON object"))));
        }
        SubmissionShape.Checked shape = SubmissionShape.check((ObjectNode) node);
        TicketSubmission submission;
        try {
            submission = canonicalJson.treeToValue(shape.bindable(), TicketSubmission.class);
        } catch (DatabindException wrongShape) { // a shape the check above does not know of
            return Optional.of(new ItemResult.Rejected(List.of(new FieldProblem(JsonPaths.of(wrongShape.getPath()),
                    "has the wrong type or shape"))));
        }
        return switch (validator.validate(submission)) {
            // Every bad field at once: those of the wrong type, and what else the validator found.
            case SubmissionValidator.Result.Invalid invalid -> Optional.of(new ItemResult.Rejected(Stream.concat(
                    shape.problems().stream(), invalid.problems().stream().filter(p -> !shape.explains(p))).toList()));
            case SubmissionValidator.Result.Valid valid when !shape.problems().isEmpty() ->
                    Optional.of(new ItemResult.Rejected(shape.problems()));
            case SubmissionValidator.Result.Valid valid -> {
                CleanSubmission clean = valid.submission();
                // Triage is microseconds of pure logic, so it runs before the commit: the ticket is stored
                // decided, and a duplicate can be merged in the same transaction that would have stored it.
                Ticket ticket = triage.triage(Ticket.received(new TicketId(UlidCreator.getMonotonicUlid().toString()),
                        clean.channel(), clean.customer(), clean.subject(), clean.body(), clean.attachments(),
                        clean.metadata(), clean.priority(), clock.instant()));
                admissions.add(new Admission(ticket, submitter.actorFor(clean),
                        key.map(k -> new IdempotencyKey(submitter.idempotencyScope(), k, fingerprint(submission)))));
                yield Optional.empty();
            }
        };
    }

    private List<IntakeOutcome> commit(List<Admission> admissions) {
        try {
            return committer.submit(admissions).get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ServiceUnavailableException | ExecutionException | TimeoutException | InterruptedException failure) {
            metrics.count("unknown", IntakeMetrics.Outcome.UNAVAILABLE, admissions.size());
            throw unavailable(failure);
        }
    }

    private RuntimeException unavailable(Exception failure) {
        return switch (failure) {
            case ServiceUnavailableException unavailable -> unavailable;
            case ExecutionException failed when failed.getCause() instanceof ServiceUnavailableException unavailable ->
                    unavailable;
            case TimeoutException slow -> new ServiceUnavailableException("the tickets were not stored within "
                    + commitTimeout + "; retry with the same Idempotency-Key", Duration.ofSeconds(1), slow);
            case InterruptedException interrupted -> {
                Thread.currentThread().interrupt();
                yield new ServiceUnavailableException("interrupted while storing", Duration.ofSeconds(1), interrupted);
            }
            default -> new IllegalStateException("group commit failed unexpectedly", failure);
        };
    }

    private void limitRate(Submitter submitter, int tokens) {
        RateLimiter.Limit limit = submitter.caller()
                .map(c -> new RateLimiter.Limit(c.rateLimitPerMinute().orElse((int) Math.min(Integer.MAX_VALUE,
                        rateLimits.apiKeyPerMinute())), Duration.ofMinutes(1)))
                .orElseGet(() -> new RateLimiter.Limit(rateLimits.publicRequests(), rateLimits.publicPeriod()));
        try {
            rateLimiter.consume(submitter.rateLimitKey(), limit, tokens);
        } catch (TooManyRequestsException limited) {
            metrics.count("unknown", IntakeMetrics.Outcome.RATE_LIMITED, tokens);
            throw limited;
        }
    }

    private String fingerprint(TicketSubmission submission) {
        try {
            byte[] canonical = canonicalJson.writeValueAsBytes(submission);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void count(ItemResult result) {
        switch (result) {
            case ItemResult.Accepted accepted -> metrics.count(accepted.ticket().channel(),
                    accepted.replayed() ? IntakeMetrics.Outcome.REPLAYED : IntakeMetrics.Outcome.ACCEPTED);
            case ItemResult.Merged merged -> metrics.count(merged.joined().channel(), IntakeMetrics.Outcome.MERGED);
            case ItemResult.Rejected rejected -> metrics.count(null, IntakeMetrics.Outcome.REJECTED);
            case ItemResult.KeyReused reused -> metrics.count(null, IntakeMetrics.Outcome.KEY_REUSED);
        }
    }
}
