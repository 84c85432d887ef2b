package dev.switchboard.channels;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.learning.LearningConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passes on what the learning loop did by itself that a team should know at once: a canary rolled
 * back, drift seen. Sent to the Slack notifier when one is configured, with its retries.
 */
public class ModelAlerts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Webhooks webhooks;
    private final Clock clock;

    public ModelAlerts(Webhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @EventListener
    public void on(LearningConfiguration.ModelEvent happened) {
        var event = happened.event();
        String text = switch (event.type()) {
            case "rolled_back" -> ":warning: Triage model " + event.version() + " was rolled back: " + event.detail();
            case "drift" -> ":chart_with_downwards_trend: Triage drift: " + event.detail();
            default -> null;
        };
        if (text == null || webhooks.subscriptions().stream().noneMatch(s -> s.id().equals(NotificationConfiguration.SLACK_ID))) {
            return;
        }
        var now = clock.instant();
        webhooks.enqueue(new WebhookDelivery(UlidCreator.getMonotonicUlid().toString(), NotificationConfiguration.SLACK_ID,
                "model." + event.type(), JSON.writeValueAsString(Map.of("text", text)), WebhookDelivery.PENDING, 0, now,
                Optional.empty(), now));
    }
}
