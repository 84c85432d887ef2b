package dev.switchboard.store;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.switchboard.channels.NotificationProperties;
import dev.switchboard.ticket.Duplicates;
import dev.switchboard.triage.TriageProperties;
import dev.switchboard.web.Keys;
import tools.jackson.databind.ObjectMapper;

/** The relational store, for whichever database {@code spring.datasource.*} names (H2 by default, or PostgreSQL). */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(BackupProperties.class)
public class StoreConfiguration {

    @Bean
    JdbcStore jdbcStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json,
                        TriageProperties triage, SecretSeal seal) {
        return new JdbcStore(jdbc, transactions, json, new Duplicates(triage.duplicateWindow()), seal);
    }

    @Bean
    Backups backups(javax.sql.DataSource dataSource, @Value("${switchboard.data-dir}") Path dataDir, BackupProperties properties,
                    java.time.Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        return new Backups(dataSource, dataDir, properties, clock, meters);
    }

    /**
     * Takes a backup every {@code switchboard.backup.interval} on an embedded deployment (none at 0), on a
     * thread of its own: a backup takes as long as the database is large, and on the shared scheduling
     * thread it would hold up the mail polls and SLA checks meanwhile.
     */
    @Bean
    BackupTicker backupTicker(Backups backups, BackupProperties properties) {
        return new BackupTicker(backups, properties);
    }

    static final class BackupTicker implements org.springframework.context.SmartLifecycle {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BackupTicker.class);
        private final Backups backups;
        private final BackupProperties properties;
        private volatile java.util.concurrent.ScheduledExecutorService thread;

        BackupTicker(Backups backups, BackupProperties properties) {
            this.backups = backups;
            this.properties = properties;
        }

        @Override
        public void start() {
            if (properties.interval().isZero() || !backups.embedded()) {
                return;
            }
            long every = properties.interval().toMillis();
            thread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("backup").daemon().factory());
            thread.scheduleWithFixedDelay(this::backUp, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void backUp() {
            try {
                backups.take();
            } catch (IOException | RuntimeException failed) {
                log.error("the scheduled backup failed; the next is tried in {}", properties.interval(), failed);
            }
        }

        @Override
        public void stop() {
            java.util.concurrent.ScheduledExecutorService running = thread;
            if (running != null) {
                // Not interrupted: an interrupt closes H2's file channel under it. A backup under way finishes.
                running.shutdown();
                try {
                    running.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                thread = null;
            }
        }

        @Override
        public boolean isRunning() {
            return thread != null;
        }
    }

    /** The key that seals webhook signing secrets: configured, or made once and kept (owner-only) in the data folder. */
    @Bean
    SecretSeal secretSeal(NotificationProperties notifications, @Value("${switchboard.data-dir}") Path dataDir) throws IOException {
        try {
            return new SecretSeal(Keys.configuredOrKept(notifications.secretKey(), dataDir, "webhook-secrets.key"),
                    notifications.previousSecretKeys().stream().map(java.util.Base64.getDecoder()::decode).toList());
        } catch (IllegalArgumentException badKey) {
            throw new IllegalStateException("switchboard.notifications.secret-key and previous-secret-keys must be base64 keys"
                    + " of 32 bytes or more (openssl rand -base64 32): " + badKey.getMessage(), badKey);
        }
    }

    @Bean
    JdbcTickets tickets(JdbcStore store) {
        return store.tickets();
    }

    @Bean
    JdbcDeadlines deadlines(JdbcStore store) {
        return store.deadlines();
    }

    @Bean
    JdbcLeases leases(JdbcStore store) {
        return store.leases();
    }

    @Bean
    JdbcMailThreads mailThreads(JdbcStore store) {
        return store.mailThreads();
    }

    @Bean
    JdbcAttachments attachmentRecords(JdbcStore store) {
        return store.attachments();
    }

    @Bean
    JdbcWebhooks webhooks(JdbcStore store) {
        return store.webhooks();
    }

    @Bean
    JdbcModelRegistry modelRegistry(JdbcStore store) {
        return store.modelRegistry();
    }

    @Bean
    JdbcLearningData learningData(JdbcStore store) {
        return store.learningData();
    }

    @Bean
    JdbcWeightSettings weightSettings(JdbcStore store) {
        return store.weightSettings();
    }

    @Bean
    JdbcTicketUpdates ticketUpdates(JdbcStore store) {
        return store.ticketUpdates();
    }

    @Bean
    JdbcIntakeJournal intakeJournal(JdbcStore store) {
        return store.intakeJournal();
    }

    @Bean
    JdbcUsers users(JdbcStore store) {
        return store.users();
    }

    @Bean
    JdbcAccessTokens accessTokens(JdbcStore store) {
        return store.accessTokens();
    }

    @Bean
    JdbcApiKeys apiKeys(JdbcStore store) {
        return store.apiKeys();
    }

    @Bean
    JdbcRuleSets ruleSets(JdbcStore store) {
        return store.ruleSets();
    }

    @Bean
    JdbcTeams teams(JdbcStore store) {
        return store.teams();
    }

    @Bean
    JdbcAgents agents(JdbcStore store) {
        return store.agents();
    }

    @Bean
    JdbcAssignments assignments(JdbcStore store) {
        return store.assignments();
    }
}
