package dev.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.learning.LearningConfiguration;
import dev.switchboard.learning.ModelRegistry;

/** A canary rolled back or drift seen reaches Slack, when Slack is configured; other model events do not. */
class ModelAlertsTest {

    private final List<WebhookDelivery> queued = new ArrayList<>();
    private final List<WebhookSubscription> subscriptions = new ArrayList<>();
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");

    private final Webhooks webhooks = new Webhooks() {
        @Override public void subscribe(WebhookSubscription s) { subscriptions.add(s); }
        @Override public List<WebhookSubscription> subscriptions() { return subscriptions; }
        @Override public void configure(WebhookSubscription s) { unsubscribe(s.id()); subscribe(s); }
        @Override public boolean unsubscribe(String id) { return subscriptions.removeIf(s -> s.id().equals(id)); }
        @Override public List<WebhookDelivery> due(Instant at, int limit) { return List.of(); }
        @Override public List<WebhookDelivery> deliveries(String status, int limit) { return queued; }
        @Override public Optional<WebhookDelivery> delivery(String id) { return Optional.empty(); }
        @Override public boolean claim(String id, Instant expectedNext, Instant leaseUntil) { return true; }
        @Override public void attempted(String id, String status, int attempts, Instant next, Optional<String> error) { }
        @Override public void refresh() { }
        @Override public void enqueue(WebhookDelivery delivery) { queued.add(delivery); }
    };

    private final ModelAlerts alerts = new ModelAlerts(webhooks, Clock.fixed(now, ZoneOffset.UTC));

    private static LearningConfiguration.ModelEvent event(String type) {
        return new LearningConfiguration.ModelEvent(new ModelRegistry.Event("v2", type, "misrouted 7.00 % ...", Instant.EPOCH));
    }

    @Test
    void aRollbackAndDriftGoToSlackWhenItIsConfigured() {
        alerts.on(event("rolled_back"));
        assertThat(queued).as("no Slack configured").isEmpty();

        webhooks.subscribe(new WebhookSubscription(NotificationConfiguration.SLACK_ID, "Slack", URI.create("https://hooks.example.com/s"),
                Set.of(), "slack", "-", now));
        alerts.on(event("rolled_back"));
        alerts.on(event("drift"));
        alerts.on(event("canary_advanced"));

        assertThat(queued).extracting(WebhookDelivery::type).containsExactly("model.rolled_back", "model.drift");
        assertThat(queued.getFirst().payload()).contains("v2 was rolled back").contains("misrouted 7.00 %");
        assertThat(queued.getFirst().subscriptionId()).isEqualTo(NotificationConfiguration.SLACK_ID);
    }
}
