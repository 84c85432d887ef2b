package dev.switchboard.channels;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.switchboard.ticket.Priority;

/**
 * Notifications and SLAs ({@code switchboard.notifications.*}).
 *
 * @param maxAttempts      a delivery is parked after this many failed attempts
 * @param firstRetry       the wait after the first failure; it doubles with each further one
 * @param longestRetry     the longest wait between two attempts
 * @param timeout          an endpoint that has not answered in this time has failed this attempt
 * @param concurrency      deliveries in flight at once: a slow endpoint holds up only its own
 * @param pollInterval     how often due deliveries are looked for
 * @param refreshInterval  how often subscriptions made on other nodes are taken up
 * @param slackWebhookUrl  a Slack-compatible incoming webhook for P1 tickets and SLA breaches; empty for none
 * @param resolution       resolution targets by priority (first-response targets are switchboard.routing.first-response)
 * @param slaCheckInterval how often open tickets are checked against their targets
 * @param secretKey        base64 key (32 bytes or more) that seals webhook signing secrets in the database; blank:
 *                         made once and kept in the data folder ({@code webhook-secrets.key}). Every node of a
 *                         scale-out deployment needs the same one
 * @param previousSecretKeys keys that sealed secrets before {@code secretKey} (base64, comma-separated): what they
 *                         sealed still opens and is sealed again under {@code secretKey} (docs/notifications.md, rotating)
 */
@ConfigurationProperties("switchboard.notifications")
public record NotificationProperties(
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("10m") Duration longestRetry,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("16") int concurrency,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10s") Duration refreshInterval,
        @DefaultValue("") String slackWebhookUrl,
        Map<Priority, Duration> resolution,
        @DefaultValue("15s") Duration slaCheckInterval,
        @DefaultValue("") String secretKey,
        @DefaultValue("") java.util.List<String> previousSecretKeys) {

    public NotificationProperties {
        resolution = resolution == null ? Map.of() : Map.copyOf(resolution);
        previousSecretKeys = previousSecretKeys == null ? java.util.List.of()
                : previousSecretKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        if (maxAttempts < 1 || concurrency < 1) {
            throw new IllegalArgumentException("switchboard.notifications.max-attempts and concurrency must be at least 1");
        }
    }

    /** Without the keys, nor the Slack webhook's URL (its path is the secret that lets anyone post). */
    @Override
    public String toString() {
        return dev.switchboard.web.Redacted.toString(this, "secretKey", "previousSecretKeys", "slackWebhookUrl");
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures: doubling, capped. */
    public Duration backoff(int attempts) {
        long factor = 1L << Math.min(30, Math.max(0, attempts - 1));
        Duration wait = firstRetry.multipliedBy(factor);
        return wait.compareTo(longestRetry) > 0 ? longestRetry : wait;
    }
}
