package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.intake.Admission;
import dev.switchboard.intake.IdempotencyKey;
import dev.switchboard.intake.IntakeOutcome;
import dev.switchboard.routing.Assignment;
import dev.switchboard.routing.Assignments;
import dev.switchboard.routing.Team;
import dev.switchboard.routing.WaitingTicket;
import dev.switchboard.store.redo.RedoLogConfiguration;
import dev.switchboard.store.redo.RedoLoggedDataSource;
import dev.switchboard.store.redo.RedoScope;
import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Duplicates;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded database's redo log, with H2 stopped the way a kill -9 stops it ({@code SHUTDOWN
 * IMMEDIATELY}: nothing it held in memory is written): what intake and routing committed comes back, in
 * order, from the log; what other code committed, H2 wrote at the commit; what was rolled back or cut
 * short does not come back.
 */
class RedoLogTest {

    @TempDir
    Path folder;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void whatIntakeAndRoutingCommittedComesBackAfterACrashInOrder() throws Exception {
        Instant t0 = Instant.parse("2026-12-02T09:00:00Z");
        HikariDataSource pool = pool();
        RedoLoggedDataSource redo = openLogged(pool);
        JdbcStore store = store(redo);
        assertThat(store.teams().create(new Team("billing", Set.of("billing")))).isTrue(); // not the pipeline's: written at once

        Ticket routed = Tickets.triaged("c1", "billing", Priority.P2, "charged twice", t0);
        Ticket waiting = Tickets.triaged("c2", "billing", Priority.P3, "refund please", t0.plusSeconds(1));
        IdempotencyKey key = new IdempotencyKey("api-key:k1", "order-77", "fingerprint-1");
        List<IntakeOutcome> stored = store.intakeJournal().record(List.of(
                new Admission(routed, new Actor(Actor.Kind.API_KEY, "k1"), Optional.of(key)),
                StoreContract.admission(waiting)));
        assertThat(stored).allMatch(IntakeOutcome.Stored.class::isInstance);
        try (Connection another = DriverManager.getConnection(pool.getJdbcUrl(), "sa", "")) {
            assertThat(another.isValid(1)).as("a connection opened meanwhile: it leaves H2's write delay as it is").isTrue();
        }
        String ada = Tickets.newId().value();
        var offer = new Assignment(new WaitingTicket(routed.id(), "billing", "billing", "eu", Priority.P2, t0.plusSeconds(3600), t0),
                ada, List.of(), java.util.Map.of());
        store.assignments().record(List.of(new Assignments.Offered(offer, t0.plusSeconds(2))));
        store.assignments().record(List.of(new Assignments.Acknowledged(routed.id(), ada, t0.plusSeconds(3))));
        JdbcTemplate autoCommit = new JdbcTemplate(redo);
        RedoScope.logged(() -> autoCommit.update("UPDATE teams SET categories = ? WHERE name = ?", "[\"billing\",\"refunds\"]",
                "billing")); // a single statement outside a transaction, in a logged scope: a logged transaction of its own
        assertThat(redo.counts().logged()).isEqualTo(4);

        crash(pool, redo);
        assertThat(countWithoutTheLog("SELECT COUNT(*) FROM tickets"))
                .as("H2's file alone does not hold what only the log kept: the crash lost it there").isZero();
        assertThat(countWithoutTheLog("SELECT COUNT(*) FROM teams")).as("written by H2 at its commit").isEqualTo(1);
        assertThat(countWithoutTheLog("SELECT COUNT(*) FROM teams WHERE categories LIKE '%refunds%'")).as("only in the log").isZero();

        RedoLoggedDataSource reopened = openLogged(pool());
        JdbcStore after = store(reopened);
        Ticket back = after.tickets().find(routed.id()).orElseThrow();
        assertThat(back.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(back.assignee()).contains(ada);
        assertThat(after.tickets().history(routed.id())).extracting(TicketEvent::type)
                .containsExactly("received", "triaged", "assigned", "acknowledged");
        assertThat(after.tickets().find(waiting.id()).orElseThrow().status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(after.assignments().waiting()).extracting(u -> u.ticket().id()).containsExactly(waiting.id());
        assertThat(after.intakeJournal().record(List.of(new Admission(routed, new Actor(Actor.Kind.API_KEY, "k1"), Optional.of(key)))))
                .as("the idempotency key came back too").singleElement().isInstanceOf(IntakeOutcome.Replayed.class);
        assertThat(after.teams().find("billing")).get().extracting(Team::categories).isEqualTo(Set.of("billing", "refunds"));
        assertThat(countWithoutTheLog("SELECT seq FROM redo_position")).as("the last logged transaction's number").isEqualTo(4);
    }

    @Test
    void aRolledBackTransactionAndARecordCutShortDoNotComeBack() throws Exception {
        Instant t0 = Instant.parse("2026-12-02T09:00:00Z");
        HikariDataSource pool = pool();
        RedoLoggedDataSource redo = openLogged(pool);
        JdbcStore store = store(redo);
        Ticket kept = Tickets.triaged("c1", "billing", Priority.P2, "kept", t0);
        store.intakeJournal().record(List.of(StoreContract.admission(kept)));
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(redo));
        JdbcTemplate jdbc = new JdbcTemplate(redo);
        assertThatThrownBy(() -> RedoScope.logged(() -> transactions.execute(status -> {
            jdbc.update("INSERT INTO redo_position (id, seq) VALUES (2, 0)");
            throw new IllegalStateException("changed its mind");
        }))).hasMessage("changed its mind");
        crash(pool, redo);
        try (Stream<Path> segments = Files.list(redo.folder())) {
            Path newest = segments.max(Path::compareTo).orElseThrow();
            Files.write(newest, new byte[] {0, 0, 1, 0, 42, 42, 42}, StandardOpenOption.APPEND); // a record a crash cut short
        }

        JdbcStore after = store(openLogged(pool()));
        assertThat(after.tickets().find(kept.id())).isPresent();
        assertThat(countWithoutTheLog("SELECT COUNT(*) FROM redo_position")).as("the rolled-back insert").isEqualTo(1);
    }

    @Test
    void h2WritesItsFileOnlyWhenTheLogAsks() throws Exception {
        HikariDataSource pool = pool();
        openLogged(pool);
        try (Connection c = pool.getConnection()) {
            org.h2.mvstore.MVStore store = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
            assertThat(store.getAutoCommitDelay()).as("no background write before a run ends").isEqualTo(Integer.MAX_VALUE);
            assertThat(store.getAutoCommitMemory()).as("no write when H2's memory fills before the checkpoint comes")
                    .isEqualTo(256 * 1024 * 1024);
        }
    }

    @Test
    void theFileShowsItsSizeAndTheShareOfItThatIsLive() {
        RedoLoggedDataSource redo = openLogged(pool());
        Ticket ticket = Tickets.triaged("c1", "billing", Priority.P2, "kept", Instant.parse("2026-12-02T09:00:00Z"));
        store(redo).intakeJournal().record(List.of(StoreContract.admission(ticket)));

        RedoLoggedDataSource.StoreFile file = redo.storeFile().orElseThrow();
        assertThat(file.bytes()).isEqualTo(size(folder.resolve("switchboard.mv.db")));
        assertThat(file.livePercent()).isBetween(1, 100);
    }

    @Test
    void aStopWritesTheFileAndEmptiesTheLog() throws Exception {
        HikariDataSource pool = pool();
        RedoLoggedDataSource redo = openLogged(pool);
        Ticket ticket = Tickets.triaged("c1", "billing", Priority.P2, "kept", Instant.parse("2026-12-02T09:00:00Z"));
        store(redo).intakeJournal().record(List.of(StoreContract.admission(ticket)));
        redo.close();
        open.remove(redo);

        assertThat(countWithoutTheLog("SELECT COUNT(*) FROM tickets")).isEqualTo(1);
        try (Stream<Path> segments = Files.list(redo.folder())) {
            assertThat(segments.mapToLong(RedoLogTest::size).sum()).as("nothing left to run again").isZero();
        }
    }

    @Test
    void aWriteThatReadsBackAKeyTheDatabaseGeneratesIsWrittenByTheDatabaseEvenInALoggedScope() {
        RedoLoggedDataSource redo = openLogged(pool());
        JdbcTemplate jdbc = new JdbcTemplate(redo);
        RedoLoggedDataSource.Counts before = redo.counts();
        org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        RedoScope.logged(() -> jdbc.update(c -> {
            var insert = c.prepareStatement("INSERT INTO triage_rule_sets (yaml, created_by, created_at) VALUES (?, ?, ?)",
                    new String[] {"version"});
            insert.setString(1, "rules: []");
            insert.setString(2, "test");
            insert.setObject(3, java.time.OffsetDateTime.parse("2026-12-02T09:00:00Z"));
            return insert;
        }, keys));

        assertThat(keys.getKey()).isNotNull();
        assertThat(redo.counts().logged()).as("a version run again might differ from the one handed out").isEqualTo(before.logged());
        assertThat(redo.counts().written()).isEqualTo(before.written() + 1);
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        // H2 writes its file only when told to. In the URL, as the server does it: a connection the pool adds
        // while the test runs sets the whole database's write delay to the URL's when it opens.
        config.setJdbcUrl(RedoLogConfiguration.urlForTheLog(url()));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        open.add(pool);
        return pool;
    }

    private RedoLoggedDataSource openLogged(HikariDataSource pool) {
        RedoLoggedDataSource redo = RedoLoggedDataSource.open(pool, folder.resolve("switchboard.redo"), Duration.ofHours(1),
                RedoLoggedDataSource.COMPACT_FILL_RATE);
        open.add(redo);
        Flyway.configure().dataSource(redo).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        return redo;
    }

    private static JdbcStore store(DataSource dataSource) {
        return new JdbcStore(new NamedParameterJdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), JsonMapper.builder().build(),
                new Duplicates(Duration.ofMinutes(5)), StoreContract.SEAL);
    }

    /** Stops H2 as a kill -9 would, without writing what it holds in memory; the log's files stay as they are. */
    private void crash(HikariDataSource pool, RedoLoggedDataSource redo) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closedUnderUs) {
            // the connection goes with the database
        }
        pool.close();
        redo.close(); // its pool is closed: it stops its checkpoints and touches neither the file nor the log
        open.remove(redo);
        open.remove(pool);
    }

    private long countWithoutTheLog(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String url() {
        return "jdbc:h2:file:" + folder.resolve("switchboard").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
