package dev.switchboard.channels;

import java.net.URI;
import java.time.Clock;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationProperties.class, EmailProperties.class, AttachmentProperties.class,
        SmtpListenerProperties.class})
public class NotificationConfiguration {

    /** The Slack notifier's subscription: one fixed id, so that every node and every restart find the same one. */
    static final String SLACK_ID = "000000000000000000000SLACK";

    @Bean
    WebhookDispatcher webhookDispatcher(Webhooks webhooks, NotificationProperties properties, EmailProperties email,
                                        dev.switchboard.ticket.Tickets tickets, MailThreads threads, TicketLinks links,
                                        dev.switchboard.access.Users users, Clock clock) {
        Optional<MailOut> mail = Optional.empty();
        if (email.sending()) {
            mail = Optional.of(new MailOut(email, tickets, threads, links, users, clock));
        }
        return new WebhookDispatcher(webhooks, properties, mail, clock);
    }

    @Bean
    AttachmentStore attachmentStore(AttachmentProperties properties, @Value("${switchboard.data-dir}") Path dataDir) {
        if (properties.storage().equals("s3")) {
            return new S3AttachmentStore(properties.s3());
        }
        return new LocalAttachmentStore(properties.dir().isBlank() ? dataDir.resolve("attachments") : Path.of(properties.dir()));
    }

    @Bean
    Attachments attachments(AttachmentRecords records, AttachmentStore store, AttachmentProperties properties, Clock clock) {
        return new Attachments(records, store, properties, clock);
    }

    @Bean
    MailIntake mailIntake(dev.switchboard.intake.TicketIntake intake, CustomerReplies replies, MailThreads threads,
                          Attachments attachments, dev.switchboard.intake.IntakeProperties intakeLimits, Clock clock) {
        return new MailIntake(intake, replies, threads, attachments, new MailIntake.Limits(intakeLimits.subjectMaxChars(),
                intakeLimits.bodyMaxChars(), replies.replyMaxChars()), clock);
    }

    /** Mail providers post whole mails with their attachments: their own size limit. */
    @Bean
    dev.switchboard.web.RequestSizeLimitFilter.PathLimit sendgridSizeLimit(EmailProperties properties) {
        return new dev.switchboard.web.RequestSizeLimitFilter.PathLimit("/api/v1/inbound/sendgrid", properties.mostInboundBytes().toBytes());
    }

    @Bean
    dev.switchboard.web.RequestSizeLimitFilter.PathLimit mailgunSizeLimit(EmailProperties properties) {
        return new dev.switchboard.web.RequestSizeLimitFilter.PathLimit("/api/v1/inbound/mailgun", properties.mostInboundBytes().toBytes());
    }

    /** Mail delivered over SMTP, when switched on: every node of several listens, and a mail taken twice is one ticket. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty("switchboard.email.listener.enabled")
    SmtpListener smtpListener(SmtpListenerProperties properties, MailIntake mailIntake) {
        return new SmtpListener(properties, mailIntake);
    }

    @Bean
    MailPoller mailPoller(EmailProperties properties, MailIntake mailIntake) {
        return new MailPoller(properties, mailIntake);
    }

    @Bean
    MailTicker mailTicker(MailPoller poller, EmailProperties properties, dev.switchboard.backbone.Leases leases,
                          dev.switchboard.backbone.Backbone backbone, Clock clock) {
        return new MailTicker(poller, properties, new dev.switchboard.backbone.OnOneNode(leases, "email.poll", backbone.node(),
                properties.pollInterval().multipliedBy(3), clock));
    }

    /** Reads the mailbox on its interval, when one is configured; one node of several reads it. */
    static final class MailTicker {
        private final MailPoller poller;
        private final EmailProperties properties;
        private final dev.switchboard.backbone.OnOneNode oneNode;

        MailTicker(MailPoller poller, EmailProperties properties, dev.switchboard.backbone.OnOneNode oneNode) {
            this.poller = poller;
            this.properties = properties;
            this.oneNode = oneNode;
        }

        @Scheduled(fixedDelayString = "${switchboard.email.poll-interval:30s}", initialDelayString = "${switchboard.email.poll-interval:30s}")
        void poll() {
            if (properties.enabled() && oneNode.here()) {
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
    SlaTicker slaTicker(SlaWatch watch, NotificationProperties properties, dev.switchboard.backbone.Leases leases,
                        dev.switchboard.backbone.Backbone backbone, Clock clock) {
        return new SlaTicker(watch, new dev.switchboard.backbone.OnOneNode(leases, "sla.watch", backbone.node(),
                properties.slaCheckInterval().multipliedBy(3), clock));
    }

    /** Checks open tickets against their targets; one node of several does. */
    static final class SlaTicker {
        private final SlaWatch watch;
        private final dev.switchboard.backbone.OnOneNode oneNode;

        SlaTicker(SlaWatch watch, dev.switchboard.backbone.OnOneNode oneNode) {
            this.watch = watch;
            this.oneNode = oneNode;
        }

        @Scheduled(fixedDelayString = "${switchboard.notifications.sla-check-interval:15s}",
                initialDelayString = "${switchboard.notifications.sla-check-interval:15s}")
        void check() {
            if (oneNode.here()) {
                watch.check();
            }
        }
    }

    @Bean
    NotificationTicker notificationTicker(WebhookDispatcher dispatcher, Webhooks webhooks, NotificationProperties properties,
                                          EmailProperties email, Clock clock) {
        return new NotificationTicker(dispatcher, webhooks, properties, email, clock);
    }

    /** Sets up the Slack notifier at start, sends due deliveries, takes up other nodes' subscriptions. */
    static final class NotificationTicker {
        private final WebhookDispatcher dispatcher;
        private final Webhooks webhooks;
        private final NotificationProperties properties;
        private final EmailProperties email;
        private final Clock clock;

        NotificationTicker(WebhookDispatcher dispatcher, Webhooks webhooks, NotificationProperties properties, EmailProperties email,
                           Clock clock) {
            this.dispatcher = dispatcher;
            this.email = email;
            this.webhooks = webhooks;
            this.properties = properties;
            this.clock = clock;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            configure(SLACK_ID, properties.slackWebhookUrl().isBlank() ? Optional.empty()
                    : Optional.of(new WebhookSubscription(SLACK_ID, "Slack (switchboard.notifications.slack-webhook-url)",
                    URI.create(properties.slackWebhookUrl()), Set.of(WebhookEvents.CREATED, WebhookEvents.SLA_BREACHED),
                    "slack", "-", clock.instant())));
            configure(MailOut.SUBSCRIPTION_ID, email.sending() ? Optional.of(MailOut.subscription(email, clock.instant()))
                    : Optional.empty());
            refresh();
        }

        /**
         * A subscription the configuration decides (Slack, mail): set as configured at each start, its
         * pending deliveries kept; dropped (they parked, for an admin to see) when no longer configured.
         */
        private void configure(String id, Optional<WebhookSubscription> wanted) {
            if (wanted.isPresent()) {
                webhooks.configure(wanted.get());
            } else if (webhooks.subscriptions().stream().anyMatch(s -> s.id().equals(id))) {
                webhooks.unsubscribe(id);
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
