package dev.switchboard.channels;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one subscription: pending (tried again at {@code nextAttemptAt}), delivered,
 * or parked after its last attempt, where an admin can see it and send it again.
 */
public record WebhookDelivery(String id, String subscriptionId, String type, String payload, String status, int attempts,
                              Instant nextAttemptAt, Optional<String> lastError, Instant createdAt) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String PARKED = "parked";

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
