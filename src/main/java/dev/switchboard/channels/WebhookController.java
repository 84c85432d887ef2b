package dev.switchboard.channels;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.github.f4b6a3.ulid.UlidCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.RequestChecks;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Outbound webhooks (admins only): subscriptions, and deliveries to look at and send again. */
@RestController
@RequestMapping("/api/v1/webhooks")
public class WebhookController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Webhooks webhooks;
    private final Clock clock;

    private final Validator validator;

    public WebhookController(Webhooks webhooks, Clock clock, Validator validator) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.validator = validator;
    }

    public record NewSubscription(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2048) String url,
                                  @Size(max = 10) Set<String> events,
                                  @Pattern(regexp = "json|slack", message = "must be json or slack") String format) {
    }

    /** A subscription as listed; {@code secret} only in the answer that created it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(String id, String name, String url, Set<String> events, String format, Instant createdAt,
                                   String secret) {
        static SubscriptionView of(WebhookSubscription s, String secret) {
            return new SubscriptionView(s.id(), s.name(), s.url().toString(), s.events(), s.format(), s.createdAt(), secret);
        }
    }

    @PostMapping
    public ResponseEntity<SubscriptionView> subscribe(@RequestBody NewSubscription request) {
        RequestChecks checks = RequestChecks.of(validator, request);
        URI url = null;
        if (checks.fine("url")) {
            try {
                url = URI.create(request.url().strip());
                if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme()) || url.getHost() == null) {
                    checks.problem("url", "must be an http:// or https:// URL");
                }
            } catch (IllegalArgumentException notAUrl) {
                checks.problem("url", "not a URL");
            }
        }
        Set<String> events = request.events() == null ? Set.of() : request.events();
        events.stream().filter(e -> !WebhookEvents.TYPES.contains(e)).findFirst()
                .ifPresent(e -> checks.problem("events", "unknown event '" + e + "'; one of " + WebhookEvents.TYPES));
        checks.orThrow();
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        WebhookSubscription subscription = new WebhookSubscription(UlidCreator.getMonotonicUlid().toString(), request.name().strip(),
                url, events, request.format() == null ? "json" : request.format(), secret, clock.instant());
        webhooks.subscribe(subscription);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + subscription.id())).body(SubscriptionView.of(subscription, secret));
    }

    @GetMapping
    public List<SubscriptionView> list() {
        return webhooks.subscriptions().stream().map(s -> SubscriptionView.of(s, null)).toList();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<?> unsubscribe(@PathVariable String id) {
        return webhooks.unsubscribe(id) ? ResponseEntity.noContent().build() : ApiProblems.notFound("no webhook subscription " + id);
    }

    /** Deliveries in a status (parked: those that gave up), newest first. */
    @GetMapping("/deliveries")
    public ResponseEntity<?> deliveries(@RequestParam(defaultValue = "parked") String status,
                                        @RequestParam(defaultValue = "50") int limit) {
        if (!Set.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED, WebhookDelivery.PARKED).contains(status)) {
            throw new InvalidRequestException("status", "must be pending, delivered or parked");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException("limit", "must be between 1 and 500");
        }
        return ResponseEntity.ok(webhooks.deliveries(status, limit));
    }

    /** Sends a delivery again, as a new one with the same payload: 202 with it. */
    @PostMapping("/deliveries/{id}/replay")
    public ResponseEntity<?> replay(@PathVariable String id) {
        Optional<WebhookDelivery> original = webhooks.delivery(id);
        if (original.isEmpty()) {
            return ApiProblems.notFound("no webhook delivery " + id);
        }
        WebhookDelivery o = original.get();
        Instant now = clock.instant();
        WebhookDelivery again = new WebhookDelivery(UlidCreator.getMonotonicUlid().toString(), o.subscriptionId(), o.type(),
                o.payload(), WebhookDelivery.PENDING, 0, now, Optional.empty(), now);
        webhooks.enqueue(again);
        return ResponseEntity.accepted().body(again);
    }
}
