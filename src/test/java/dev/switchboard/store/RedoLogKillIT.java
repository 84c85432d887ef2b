package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.store.redo.RedoLogConfiguration;
import dev.switchboard.store.redo.RedoLoggedDataSource;
import dev.switchboard.store.redo.RedoScope;

/**
 * The redo log against a real SIGKILL, many times over: a process commits logged transactions from three
 * threads as fast as it can (a parent row, then a child row referring to the thread's previous parent),
 * checkpoints every few milliseconds, and prints each id once its commit has returned; it is killed at a
 * different moment each round, and the database opened again must hold every printed id, the log run
 * again without an error.
 *
 * <p>With the code before {@code StoreWrites}, about one round in seven lost a child whose commit had
 * returned, or could not start (as CI's {@code RoutingRestartIT} once could not): H2 took its picture of
 * the tables for the file while a transaction was setting its {@code redo_position}, and a
 * {@code CHECKPOINT} could return before H2's writer thread had written what H2 took on its own
 * (docs/operations.md, "Durability"). More rounds: {@code -Dredo.kill.rounds=40}.
 */
class RedoLogKillIT {

    private static final int WRITERS = 3;
    private static final Pattern COMMITTED = Pattern.compile("([PC]) (\\d+)");

    @TempDir
    Path folder;

    @Test
    void everyCommitThatReturnedSurvivesASigkillAtAnyMoment() throws Exception {
        int rounds = Integer.getInteger("redo.kill.rounds", 8);
        List<String> lost = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path database = folder.resolve("round-" + round);
            Committed committed = runAndKill(database, Duration.ofMillis(1_500 + 97L * round % 900));
            assertThat(committed.parents()).as("round %d committed something", round).isNotEmpty();
            try (HikariDataSource pool = pool(database);
                 RedoLoggedDataSource reopened = RedoLoggedDataSource.open(pool, database.resolve("redo"), Duration.ofHours(1),
                         RedoLoggedDataSource.COMPACT_FILL_RATE)) {
                JdbcTemplate jdbc = new JdbcTemplate(reopened);
                Set<Long> parents = missing(committed.parents(), jdbc.queryForList("SELECT id FROM parent", Long.class));
                Set<Long> children = missing(committed.children(), jdbc.queryForList("SELECT id FROM child", Long.class));
                if (!parents.isEmpty() || !children.isEmpty()) {
                    lost.add("round " + round + ": parents " + parents + ", children " + children);
                }
            }
        }
        assertThat(lost).as("commits that returned and did not survive the kill").isEmpty();
    }

    private record Committed(Set<Long> parents, Set<Long> children) {
    }

    private static Committed runAndKill(Path database, Duration after) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RedoLogKillIT.class.getName(), database.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Long> parents = ConcurrentHashMap.newKeySet();
        Set<Long> children = ConcurrentHashMap.newKeySet();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = COMMITTED.matcher(line);
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (m.matches()) {
                        (m.group(1).equals("P") ? parents : children).add(Long.parseLong(m.group(2)));
                    } // else the process's own log
                }
            } catch (java.io.IOException killed) {
                // the pipe goes with the process
            }
        });
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("the writer process started").isTrue();
            // Not a synchronisation: how long the process writes before it is killed, a different moment each round.
            Thread.sleep(after);
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            reader.join();
        }
        return new Committed(parents, children);
    }

    private static Set<Long> missing(Set<Long> committed, List<Long> present) {
        Set<Long> missing = new TreeSet<>(committed);
        present.forEach(missing::remove);
        return missing;
    }

    private static HikariDataSource pool(Path database) {
        HikariConfig config = new HikariConfig();
        // As the server runs it: H2 writes its file when the log tells it to.
        config.setJdbcUrl(RedoLogConfiguration.urlForTheLog("jdbc:h2:file:" + database.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE"));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(WRITERS + 2);
        return new HikariDataSource(config);
    }

    /** The writer process: {@code ready}, then {@code P id} and {@code C id} for each commit that returned. */
    public static void main(String[] args) {
        Path database = Path.of(args[0]);
        HikariDataSource pool = pool(database);
        RedoLoggedDataSource redo = RedoLoggedDataSource.open(pool, database.resolve("redo"), Duration.ofMillis(5),
                RedoLoggedDataSource.COMPACT_FILL_RATE);
        Flyway.configure().dataSource(redo).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(redo);
        jdbc.execute("CREATE TABLE parent (id BIGINT PRIMARY KEY, pad VARCHAR(400))");
        jdbc.execute("CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parent (id),"
                + " pad VARCHAR(400))");
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(redo));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        AtomicLong ids = new AtomicLong();
        String pad = "x".repeat(300); // rows of some size: H2's memory fills and it writes its file on its own too
        out.println("ready");
        for (int w = 0; w < WRITERS; w++) {
            Thread.ofPlatform().start(() -> {
                long previous = 0;
                while (true) {
                    long parent = ids.incrementAndGet();
                    RedoScope.logged(() -> transactions.execute(s -> jdbc.update("INSERT INTO parent VALUES (?, ?)", parent, pad)));
                    out.println("P " + parent);
                    if (previous > 0) {
                        long child = ids.incrementAndGet();
                        long of = previous;
                        RedoScope.logged(() -> transactions.execute(s -> jdbc.update("INSERT INTO child VALUES (?, ?, ?)", child, of, pad)));
                        out.println("C " + child);
                    }
                    previous = parent;
                }
            });
        }
    }
}
