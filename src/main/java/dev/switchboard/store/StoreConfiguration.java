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
public class StoreConfiguration {

    @Bean
    JdbcStore jdbcStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json,
                        TriageProperties triage, SecretSeal seal) {
        return new JdbcStore(jdbc, transactions, json, new Duplicates(triage.duplicateWindow()), seal);
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
