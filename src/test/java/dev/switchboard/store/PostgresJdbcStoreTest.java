package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.intake.Admission;
import dev.switchboard.intake.IntakeOutcome;
import dev.switchboard.support.TestDatabases;
import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Duplicates;
import dev.switchboard.ticket.Priority;
import tools.jackson.databind.json.JsonMapper;

/** The store contract on a real PostgreSQL (required in CI; see {@link TestDatabases}). */
class PostgresJdbcStoreTest extends JdbcStoreContract {

    @Override
    HikariDataSource open(Path folder) {
        return TestDatabases.postgres();
    }

    @Override
    void close(HikariDataSource dataSource) {
        TestDatabases.dropSchema(dataSource);
    }

    @Override
    HikariDataSource openBeforeTicketStates(Path folder) {
        return TestDatabases.postgres("10");
    }

    @Override
    void migrateToLatest(HikariDataSource dataSource) {
        TestDatabases.migrate(dataSource, "postgresql", dataSource.getJdbcUrl().replaceAll(".*currentSchema=", ""), null);
    }

    /**
     * Two nodes (two stores on one database) accept the same customer's tickets of one category at the
     * same moment, round after round: one is stored and the other joins it, every time, as on one node.
     */
    @Test
    void twoNodesAcceptingOneCustomersDuplicatesAtOnceMergeThem() throws Exception {
        JdbcStore other = new JdbcStore(new NamedParameterJdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), JsonMapper.builder().build(),
                new Duplicates(Duration.ofMinutes(5)), JdbcStoreContract.SEAL);
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            String customer = "both-nodes-" + round;
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<IntakeOutcome> a = CompletableFuture.supplyAsync(() -> accept(store, customer, together));
            CompletableFuture<IntakeOutcome> b = CompletableFuture.supplyAsync(() -> accept(other, customer, together));
            List<String> kinds = List.of(a.get().getClass().getSimpleName(), b.get().getClass().getSimpleName());
            outcomes.add(String.join("+", kinds.stream().sorted().toList()));
        }
        assertThat(outcomes).as("one stored and one merged in every round").containsOnly("Merged+Stored");
    }

    private static IntakeOutcome accept(JdbcStore node, String customer, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
        Admission admission = new Admission(Tickets.triaged(customer, "billing", Priority.P3, "my invoice", Instant.now()),
                new Actor(Actor.Kind.API_KEY, "k1"), Optional.empty());
        return node.intakeJournal().record(List.of(admission)).getFirst();
    }
}
