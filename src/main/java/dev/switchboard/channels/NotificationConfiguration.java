package dev.switchboard.channels;

import java.net.URI;
import java.time.Clock;
import java.util.Set;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationProperties.class, EmailProperties.class})
public class NotificationConfiguration {

    /** The Slack notifier's subscription: one fixed id, so that every node and every restart find the same one. */
    static final String SLACK_ID = "000000000000000000000SLACK";

    @Bean
    WebhookDispatcher webhookDispatcher(Webhooks webhooks, NotificationProperties properties, Clock clock) {
        return new WebhookDispatcher(webhooks, properties, clock);
    }

    @Bean
    MailPoller mailPoller(EmailProperties properties, dev.switchboard.intake.TicketIntake intake, CustomerReplies replies) {
        return new MailPoller(properties, intake, replies);
    }

    @Bean
    MailTicker mailTicker(MailPoller poller, EmailProperties properties) {
        return new MailTicker(poller, properties);
    }

    /** Reads the mailbox on its interval, when one is configured. */
    static final class MailTicker {
        private final MailPoller poller;
        private final EmailProperties properties;

        MailTicker(MailPoller poller, EmailProperties properties) {
            this.poller = poller;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${switchboard.email.poll-interval:30s}", initialDelayString = "${switchboard.email.poll-interval:30s}")
        void poll() {
            if (properties.enabled()) {
                poller.poll();
            }
        }
    }

    @Bean
    ModelAlerts modelAlerts(Webhooks webhooks, Clock clock) {
        return new ModelAlerts(webhooks, clock);
    }

    @Bean
    SlaWatch slaWatch(Deadlines deadlines, dev.switchboard.routing.RoutingProperties routing, NotificationProperties properties,
                      Clock clock) {
        return new SlaWatch(deadlines, routing.firstResponse(), properties.resolution(), clock);
    }

    @Bean
    SlaTicker slaTicker(SlaWatch watch) {
        return new SlaTicker(watch);
    }

    /** Checks open tickets against their targets. */
    static final class SlaTicker {
        private final SlaWatch watch;

        SlaTicker(SlaWatch watch) {
            this.watch = watch;
        }

        @Scheduled(fixedDelayString = "${switchboard.notifications.sla-check-interval:15s}",
                initialDelayString = "${switchboard.notifications.sla-check-interval:15s}")
        void check() {
            watch.check();
        }
    }

    @Bean
    NotificationTicker notificationTicker(WebhookDispatcher dispatcher, Webhooks webhooks, NotificationProperties properties,
                                          Clock clock) {
        return new NotificationTicker(dispatcher, webhooks, properties, clock);
    }

    /** Sets up the Slack notifier at start, sends due deliveries, takes up other nodes' subscriptions. */
    static final class NotificationTicker {
        private final WebhookDispatcher dispatcher;
        private final Webhooks webhooks;
        private final NotificationProperties properties;
        private final Clock clock;

        NotificationTicker(WebhookDispatcher dispatcher, Webhooks webhooks, NotificationProperties properties, Clock clock) {
            this.dispatcher = dispatcher;
            this.webhooks = webhooks;
            this.properties = properties;
            this.clock = clock;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            try {
                configureSlack();
            } catch (org.springframework.dao.DataAccessException anotherNode) {
                // Nodes starting together: another one set the Slack subscription up at the same moment.
                org.slf4j.LoggerFactory.getLogger(NotificationConfiguration.class)
                        .info("the Slack subscription was being set up by another node: {}", anotherNode.toString());
            }
            refresh();
        }

        private void configureSlack() {
            boolean wanted = !properties.slackWebhookUrl().isBlank();
            boolean present = webhooks.subscriptions().stream().anyMatch(s -> s.id().equals(SLACK_ID));
            if (present) {
                webhooks.unsubscribe(SLACK_ID); // the configuration decides: taken up anew, or dropped
            }
            if (wanted) {
                webhooks.subscribe(new WebhookSubscription(SLACK_ID, "Slack (switchboard.notifications.slack-webhook-url)",
                        URI.create(properties.slackWebhookUrl()), Set.of(WebhookEvents.CREATED, WebhookEvents.SLA_BREACHED),
                        "slack", "-", clock.instant()));
            }
        }

        @Scheduled(fixedDelayString = "${switchboard.notifications.poll-interval:500ms}")
        void poll() {
            dispatcher.poll();
        }

        @Scheduled(fixedDelayString = "${switchboard.notifications.refresh-interval:10s}")
        void refresh() {
            webhooks.refresh();
        }
    }
}
