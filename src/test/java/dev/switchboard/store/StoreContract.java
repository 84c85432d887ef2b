package dev.switchboard.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.intake.Admission;
import dev.switchboard.support.TestDatabases;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Duplicates;
import dev.switchboard.ticket.Ticket;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's contract, written once and run against every database: a contract class for each part of
 * the store ({@link IntakeJournalContract}, {@link TicketStateContract}, {@link AccessContract},
 * {@link LearningContract}, {@link NotificationContract}, {@link SettingsContract}), each run by
 * {@link H2StoreTest} and by {@link PostgresStoreTest} (a real PostgreSQL, required in CI; see
 * {@link TestDatabases}), every test on a fresh database.
 */
abstract class StoreContract {

    /** The databases the store runs on, and how a test opens each. */
    enum Database {
        H2 {
            @Override
            HikariDataSource open(Path folder) {
                return TestDatabases.h2(folder);
            }

            @Override
            void close(HikariDataSource dataSource) {
                dataSource.close();
            }

            @Override
            HikariDataSource openBeforeTicketStates(Path folder) {
                return TestDatabases.h2(folder, "11"); // V11 is H2's own (db/vendor/h2)
            }

            @Override
            void migrateToLatest(HikariDataSource dataSource) {
                TestDatabases.migrate(dataSource, "h2", null, null);
            }
        },
        POSTGRESQL {
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
        };

        /** A fresh, migrated database of this kind. */
        abstract HikariDataSource open(Path folder);

        abstract void close(HikariDataSource dataSource);

        /** A database of this kind migrated up to the last version before V12 (ticket_states): where an upgrade starts. */
        abstract HikariDataSource openBeforeTicketStates(Path folder);

        /** Migrates a database opened with {@link #openBeforeTicketStates} the rest of the way, as a new release does at its start. */
        abstract void migrateToLatest(HikariDataSource dataSource);
    }

    /** The key the stores of these tests seal secrets with (a node's configured key). */
    static final byte[] SEAL_KEY = "a test key of thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final SecretSeal SEAL = new SecretSeal(SEAL_KEY);

    @TempDir
    Path folder;
    HikariDataSource dataSource;
    JdbcStore store;

    /** The database this run of the contract is on. */
    abstract Database database();

    @BeforeEach
    void openStore() {
        dataSource = database().open(folder);
        store = newStore(dataSource, SEAL);
    }

    @AfterEach
    void closeStore() {
        database().close(dataSource);
    }

    /** A store on the database as a node makes one, sealing secrets with {@code seal}. */
    static JdbcStore newStore(HikariDataSource dataSource, SecretSeal seal) {
        return new JdbcStore(new NamedParameterJdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), JsonMapper.builder().build(),
                new Duplicates(Duration.ofMinutes(5)), seal);
    }

    static Admission admission(Ticket ticket) {
        return new Admission(ticket, new Actor(Actor.Kind.API_KEY, "k1"), Optional.empty());
    }
}
