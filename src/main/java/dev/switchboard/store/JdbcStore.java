package dev.switchboard.store;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import dev.switchboard.store.redo.RedoScope;
import dev.switchboard.ticket.Duplicates;
import tools.jackson.databind.ObjectMapper;

/**
 * Every repository of one database, built from its connection and transactions. Spring wires it from
 * {@link StoreConfiguration}; contract tests build it by hand over H2 and PostgreSQL.
 */
public final class JdbcStore {

    private final JdbcTickets tickets;
    private final JdbcIntakeJournal intakeJournal;
    private final JdbcUsers users;
    private final JdbcAccessTokens accessTokens;
    private final JdbcApiKeys apiKeys;
    private final JdbcRuleSets ruleSets;
    private final JdbcTeams teams;
    private final JdbcAgents agents;
    private final JdbcAssignments assignments;
    private final JdbcTicketUpdates ticketUpdates;
    private final JdbcWeightSettings weightSettings;
    private final JdbcModelRegistry modelRegistry;
    private final JdbcWebhooks webhooks;
    private final JdbcDeadlines deadlines;
    private final JdbcLearningData learningData;
    private final JdbcMailThreads mailThreads;
    private final JdbcLeases leases;
    private final JdbcAttachments attachments;

    public JdbcStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json,
                     Duplicates duplicates, SecretSeal seal) {
        JsonColumns columns = new JsonColumns(json);
        this.tickets = new JdbcTickets(jdbc, columns);
        this.webhooks = new JdbcWebhooks(jdbc.getJdbcTemplate(), seal);
        JdbcEventLog events = new JdbcEventLog(jdbc.getJdbcTemplate(), columns, webhooks);
        JdbcConversation conversation = new JdbcConversation(jdbc.getJdbcTemplate());
        // The writes that come with tickets set every value as a parameter, and the only value the database
        // generates for them is an event's id, which only orders events: run again after a crash, their
        // statements store the same rows, so on the embedded database the redo log may keep their transactions.
        TransactionOperations logged = RedoScope.logged(transactions);
        this.intakeJournal = new JdbcIntakeJournal(jdbc, logged, tickets, columns, duplicates, events, conversation);
        this.ticketUpdates = new JdbcTicketUpdates(jdbc.getJdbcTemplate(), logged, events, conversation);
        this.deadlines = new JdbcDeadlines(jdbc.getJdbcTemplate(), logged, events);
        this.users = new JdbcUsers(jdbc.getJdbcTemplate(), transactions);
        this.accessTokens = new JdbcAccessTokens(jdbc.getJdbcTemplate());
        this.apiKeys = new JdbcApiKeys(jdbc.getJdbcTemplate());
        this.ruleSets = new JdbcRuleSets(jdbc.getJdbcTemplate());
        this.weightSettings = new JdbcWeightSettings(jdbc.getJdbcTemplate());
        this.modelRegistry = new JdbcModelRegistry(jdbc.getJdbcTemplate());
        this.learningData = new JdbcLearningData(jdbc.getJdbcTemplate());
        this.mailThreads = new JdbcMailThreads(jdbc.getJdbcTemplate());
        this.leases = new JdbcLeases(jdbc.getJdbcTemplate());
        this.attachments = new JdbcAttachments(jdbc.getJdbcTemplate());
        this.teams = new JdbcTeams(jdbc.getJdbcTemplate(), columns);
        this.agents = new JdbcAgents(jdbc.getJdbcTemplate(), transactions, columns);
        this.assignments = new JdbcAssignments(jdbc, logged, tickets, columns, events);
    }

    public JdbcAssignments assignments() {
        return assignments;
    }

    public JdbcDeadlines deadlines() {
        return deadlines;
    }

    public JdbcLeases leases() {
        return leases;
    }

    public JdbcMailThreads mailThreads() {
        return mailThreads;
    }

    public JdbcAttachments attachments() {
        return attachments;
    }

    public JdbcWebhooks webhooks() {
        return webhooks;
    }

    public JdbcModelRegistry modelRegistry() {
        return modelRegistry;
    }

    public JdbcLearningData learningData() {
        return learningData;
    }

    public JdbcWeightSettings weightSettings() {
        return weightSettings;
    }

    public JdbcTicketUpdates ticketUpdates() {
        return ticketUpdates;
    }

    public JdbcTeams teams() {
        return teams;
    }

    public JdbcAgents agents() {
        return agents;
    }

    public JdbcRuleSets ruleSets() {
        return ruleSets;
    }

    public JdbcTickets tickets() {
        return tickets;
    }

    public JdbcIntakeJournal intakeJournal() {
        return intakeJournal;
    }

    public JdbcUsers users() {
        return users;
    }

    public JdbcAccessTokens accessTokens() {
        return accessTokens;
    }

    public JdbcApiKeys apiKeys() {
        return apiKeys;
    }
}
