package dev.switchboard.channels;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries. Each goes out asynchronously, at most {@code concurrency} at once, with its own
 * timeout: a dead or slow endpoint costs its own deliveries their attempts, never the others a turn.
 * A JSON delivery carries {@code X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of the body under the
 * subscription's secret>}, {@code X-Switchboard-Event} and {@code X-Switchboard-Delivery} (its id, for
 * the receiver to drop a repeat: delivery is at least once). A 2xx answer delivers it; anything else is
 * tried again after a doubling wait, and parked after the last attempt. Every node polls; a node claims
 * a delivery for one attempt (a lease of twice the timeout) before it sends it.
 */
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** SMTP is blocking: each mail on a virtual thread of its own, bounded by the dispatcher's slots. */
    private static final ExecutorService MAIL_SENDERS = Executors.newVirtualThreadPerTaskExecutor();

    private final Webhooks webhooks;
    private final NotificationProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final Semaphore slots;
    /** Deliveries on their way now: not picked again by the next poll. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private final Optional<MailOut> mail;

    public WebhookDispatcher(Webhooks webhooks, NotificationProperties properties, Optional<MailOut> mail, Clock clock) {
        this.webhooks = webhooks;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.slots = new Semaphore(properties.concurrency());
    }

    /** Sends what is due and not on its way already. */
    public void poll() {
        List<WebhookDelivery> due = webhooks.due(clock.instant(), properties.concurrency() * 4);
        if (due.isEmpty()) {
            return;
        }
        Map<String, WebhookSubscription> subscriptions = webhooks.subscriptions().stream()
                .collect(Collectors.toMap(WebhookSubscription::id, Function.identity()));
        for (WebhookDelivery delivery : due) {
            if (!inFlight.add(delivery.id())) {
                continue;
            }
            WebhookSubscription to = subscriptions.get(delivery.subscriptionId());
            if (to == null) {
                inFlight.remove(delivery.id());
                webhooks.attempted(delivery.id(), WebhookDelivery.PARKED, delivery.attempts(), clock.instant(),
                        Optional.of("subscription deleted"));
                continue;
            }
            if (!slots.tryAcquire()) {
                inFlight.remove(delivery.id());
                return; // all slots busy: the rest go at the next poll
            }
            // A lease past the attempt's timeout: no other node sends it meanwhile; should this node die, it is due again.
            if (!webhooks.claim(delivery.id(), delivery.nextAttemptAt(), clock.instant().plus(lease(to)))) {
                inFlight.remove(delivery.id());
                slots.release();
                continue;
            }
            send(delivery, to);
        }
    }

    /** How long an attempt holds its delivery: past its timeout (SMTP's own, for mail: up to a minute and more). */
    private java.time.Duration lease(WebhookSubscription to) {
        return to.format().equals(MailOut.FORMAT) ? java.time.Duration.ofMinutes(2) : properties.timeout().multipliedBy(2);
    }

    private void send(WebhookDelivery delivery, WebhookSubscription to) {
        transport(delivery, to).whenComplete((error, failure) -> {
            try {
                int attempts = delivery.attempts() + 1;
                Optional<String> failed = failure != null ? Optional.of(failure.getClass().getSimpleName() + ": " + failure.getMessage())
                        : error;
                if (failed.isEmpty()) {
                    webhooks.attempted(delivery.id(), WebhookDelivery.DELIVERED, attempts, clock.instant(), Optional.empty());
                } else if (attempts >= properties.maxAttempts()) {
                    log.warn("delivery {} to {} parked after {} attempts: {}", delivery.id(), to.url(), attempts, failed.get());
                    webhooks.attempted(delivery.id(), WebhookDelivery.PARKED, attempts, clock.instant(), failed);
                } else {
                    Instant next = clock.instant().plus(properties.backoff(attempts));
                    webhooks.attempted(delivery.id(), WebhookDelivery.PENDING, attempts, next, failed);
                }
            } catch (RuntimeException storeFailed) {
                log.error("could not record delivery {}'s attempt; it is tried again", delivery.id(), storeFailed);
            } finally {
                inFlight.remove(delivery.id());
                slots.release();
            }
        });
    }

    /** Sends a delivery its subscription's way; completes with the failure, or empty when it was taken. */
    private CompletableFuture<Optional<String>> transport(WebhookDelivery delivery, WebhookSubscription to) {
        if (to.format().equals(MailOut.FORMAT)) {
            if (mail.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of("sending mail is not configured (switchboard.email.smtp-host)"));
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    mail.get().send(delivery);
                    return Optional.empty();
                } catch (jakarta.mail.MessagingException | RuntimeException failed) {
                    return Optional.of(failed.getClass().getSimpleName() + ": " + failed.getMessage());
                }
            }, MAIL_SENDERS);
        }
        boolean signed = !to.format().equals("slack");
        if (signed && to.secret().isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of("this node cannot read the subscription's signing secret"
                    + " (sealed under another node's switchboard.notifications.secret-key; see its log)"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(to.url()).timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Switchboard-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()));
        if (signed) {
            request.header("X-Switchboard-Event", delivery.type())
                    .header("X-Switchboard-Delivery", delivery.id())
                    .header("X-Switchboard-Signature", "sha256=" + sign(to.secret(), delivery.payload()));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() / 100 == 2 ? Optional.<String>empty()
                        : Optional.of("HTTP " + response.statusCode()));
    }

    /** Hex HMAC-SHA256 of the body under the secret: what a receiver computes to check a delivery. */
    public static String sign(String secret, String body) {
        return HexFormat.of().formatHex(dev.switchboard.web.Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }
}
