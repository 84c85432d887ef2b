package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.intake.Admission;
import dev.switchboard.intake.IntakeOutcome;
import dev.switchboard.support.TestDatabases;
import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Priority;

/**
 * What only PostgreSQL has to show, since several nodes share it (H2 serves one node): two nodes
 * accepting one customer's tickets at once. On a real PostgreSQL (required in CI; see {@link TestDatabases}).
 */
class PostgresTwoNodesTest {

    private HikariDataSource dataSource;
    private JdbcStore store;

    @BeforeEach
    void openStore() {
        dataSource = TestDatabases.postgres();
        store = StoreContract.newStore(dataSource, StoreContract.SEAL);
    }

    @AfterEach
    void closeStore() {
        TestDatabases.dropSchema(dataSource);
    }

    /**
     * Two nodes (two stores on one database) accept the same customer's tickets of one category at the
     * same moment, round after round: one is stored and the other joins it, every time, as on one node.
     */
    @Test
    void twoNodesAcceptingOneCustomersDuplicatesAtOnceMergeThem() throws Exception {
        JdbcStore other = StoreContract.newStore(dataSource, StoreContract.SEAL);
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
