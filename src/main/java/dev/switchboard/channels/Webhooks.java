package dev.switchboard.channels;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Webhook subscriptions and their deliveries. */
public interface Webhooks {

    void subscribe(WebhookSubscription subscription);

    List<WebhookSubscription> subscriptions();

    /** Creates or changes a subscription the configuration decides (Slack, mail), keeping its deliveries. */
    void configure(WebhookSubscription subscription);

    boolean unsubscribe(String id);

    /** Deliveries due by {@code now}, oldest first, at most {@code limit}. */
    List<WebhookDelivery> due(Instant now, int limit);

    /** Deliveries in a status, newest first. */
    List<WebhookDelivery> deliveries(String status, int limit);

    Optional<WebhookDelivery> delivery(String id);

    /**
     * Takes a due delivery for one attempt: moves its next attempt to {@code leaseUntil} if it is still
     * {@code due} at {@code expectedNext}. False when another node took it first (each node polls).
     */
    boolean claim(String id, Instant expectedNext, Instant leaseUntil);

    /** Records an attempt's outcome: delivered, tried again at {@code next}, or parked. */
    void attempted(String id, String status, int attempts, Instant next, Optional<String> error);

    /** Reads the subscriptions again, for a store that holds them in memory (another node may have changed them). */
    void refresh();

    /** Queues a notification that no ticket event stands behind (the Slack notifier's, a replay). */
    void enqueue(WebhookDelivery delivery);
}
