package dev.switchboard.store.redo;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded H2 database with a redo log in front of its file: commits are made durable by appending
 * their statements to the log, and H2 writes its file once per checkpoint instead of at every commit.
 *
 * <p>Why: H2 makes a commit durable by writing every page the commit changed, with each changed index's
 * path up to its root, to the file. Intake and routing commit one after the other for each ticket, and
 * those writes were most of their time (docs/benchmarks.md). A log record is the statements alone.
 *
 * <p>How:
 * <ul>
 *   <li>H2 writes its file only when the log asks ({@link StoreWrites}): at a checkpoint, and at a commit
 *       the log does not keep. Each time it takes its picture of the tables while no statement, commit or
 *       rollback runs, so the file holds whole transactions, and its {@code redo_position} says exactly
 *       which logged ones.</li>
 *   <li>A transaction in a {@link RedoScope} (the pipeline's own writes) is logged: under one lock, it
 *       takes the next sequence number, sets {@code redo_position} to it in the same transaction, appends
 *       its statements to the log, and commits. The log's order is the commit order.</li>
 *   <li>Any other transaction that wrote (a write in auto-commit mode is run as a transaction of its
 *       own) is made durable by H2 writing its file after the commit, under the same lock: what it wrote
 *       is never behind a logged transaction that read it.</li>
 *   <li>Every {@code checkpoint-interval} (sooner when H2's unsaved memory passes
 *       {@link StoreWrites#UNSAVED_BYTES}), a new segment begins, H2 writes its file, and the older
 *       segments, all of whose transactions the file now holds, are deleted.</li>
 *   <li>At start, before the schema is migrated, the logged transactions after the file's
 *       {@code redo_position} are run again in order, each with its position, then the file is written
 *       and the log emptied. A record a crash cut short never committed and is ignored.</li>
 * </ul>
 *
 * <p>Durability is H2's own: the log is written, like H2's file, without an fsync at each commit, so
 * what was answered survives the process dying (SIGKILL, an out-of-memory kill), not the machine losing
 * power. Statements run again give the same rows: the logged transactions set every value as a
 * parameter, and the only value H2 generates for them is an event's id, which only orders events.
 */
public final class RedoLoggedDataSource extends DelegatingDataSource implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(RedoLoggedDataSource.class);
    private static final String SET_POSITION = "UPDATE redo_position SET seq = ? WHERE id = 1";

    /** How long a checkpoint waits for the changes under way to pause before it tries again later. */
    private static final Duration PICTURE_PATIENCE = Duration.ofMillis(100);

    /** The default of {@link RedoLogProperties#compactFillRate}. */
    public static final int COMPACT_FILL_RATE = 50;

    private final RedoLog redo;
    private final Duration interval;
    private final int compactFillRate;
    private final StoreWrites storeWrites = new StoreWrites();
    /** When the last checkpoint ended ({@link System#nanoTime}); on the checkpointer's thread, and at the start. */
    private volatile long lastCheckpoint = System.nanoTime();
    private final ReentrantLock commits = new ReentrantLock();
    private final ScheduledExecutorService checkpointer;
    private final LongAdder logged = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder checkpoints = new LongAdder();
    private final LongAdder checkpointNanos = new LongAdder();
    /** The last sequence number handed out; under {@link #commits}. */
    private long lastSeq;
    /** The last sequence number the database's file is known to hold; under {@link #commits}. */
    private long checkpointed;
    /** Set when the log could not be written on: from then on every commit is written by the database. */
    private volatile boolean broken;
    private volatile boolean closed;

    private RedoLoggedDataSource(DataSource target, RedoLog redo, Duration interval, int compactFillRate) {
        super(target);
        this.redo = redo;
        this.interval = interval;
        this.compactFillRate = compactFillRate;
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("redo-checkpoint")
                .daemon(true).unstarted(r));
    }

    /**
     * Opens the log in {@code folder}, runs again what the database lost, and starts the checkpoints; after
     * each, H2 rewrites live pages of its sparsest chunks while less than {@code compactFillRate} percent of
     * its chunks' bytes is live (0: never).
     *
     * @throws IllegalStateException when a logged transaction cannot be run again; the log is left as it was
     */
    public static RedoLoggedDataSource open(DataSource target, Path folder, Duration checkpointInterval, int compactFillRate) {
        try {
            RedoLoggedDataSource dataSource = new RedoLoggedDataSource(target, new RedoLog(folder), checkpointInterval,
                    compactFillRate);
            dataSource.recover();
            // Looked at often, to come early when H2's unsaved memory grows (H2 no longer writes on its own).
            long every = Math.max(1, Math.min(checkpointInterval.toMillis(), 100));
            dataSource.checkpointer.scheduleWithFixedDelay(dataSource::checkpointQuietly, every, every, TimeUnit.MILLISECONDS);
            return dataSource;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not open the redo log in " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return new RedoConnection(obtainTargetDataSource().getConnection(), this).proxy();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return new RedoConnection(obtainTargetDataSource().getConnection(username, password), this).proxy();
    }

    /**
     * Transactions made durable by the log, by H2 at their commit, checkpoints taken, and the time changes
     * waited at those checkpoints while H2 took its picture of the tables, since the start.
     */
    public record Counts(long logged, long written, long checkpoints, long checkpointNanos) {
    }

    public Counts counts() {
        return new Counts(logged.sum(), written.sum(), checkpoints.sum(), checkpointNanos.sum());
    }

    /** H2's file: its size, and the share of its chunks' bytes that is live (percent). */
    public record StoreFile(long bytes, int livePercent) {
    }

    /** H2's file as it stands; empty until the database is open. */
    public java.util.Optional<StoreFile> storeFile() {
        return storeWrites.file();
    }

    public Path folder() {
        return redo.folder();
    }

    void commit(RedoConnection connection) throws SQLException {
        Connection real = connection.real();
        try {
            if (connection.wrote()) {
                commitUnderLock(real, connection.loggable());
            } else {
                commitAsChange(real); // nothing written that the proxy saw; H2 may still have a row lock to let go
            }
        } finally {
            connection.reset();
        }
    }

    private void commitAsChange(Connection real) throws SQLException {
        storeWrites.change(() -> {
            real.commit();
            return null;
        });
    }

    /** Has H2 write its file, waiting as long as it takes for a pause in the changes ({@link StoreWrites#writeFile}). */
    private void writeFileAtLast(String forWhat) throws SQLException {
        while (storeWrites.writeFile(PICTURE_PATIENCE) < 0) {
            log.debug("the database had no pause to write its file for {}; trying again", forWhat);
        }
    }

    /** Commits the transaction under way: logged when {@code executions} is not null and the log can take it. */
    private void commitUnderLock(Connection real, List<Execution> executions) throws SQLException {
        RecordFrame record = executions == null || broken ? null : RedoRecord.executions(executions);
        commits.lock();
        try {
            if (record == null || broken || !logged(real, record)) {
                commitAsChange(real);
                writeFileAtLast("a commit the log does not keep");
                written.increment();
            }
        } finally {
            commits.unlock();
        }
    }

    /**
     * Runs one write of an auto-commit connection as a transaction of its own: logged when
     * {@code executions} is not null (a logged scope's single statements, a delivery's attempt, a claim,
     * then cost a log record rather than a file write), otherwise written by the database at its commit.
     * The statement runs outside the commit lock, as any transaction's do: only its commit takes it.
     */
    Object alone(RedoConnection connection, RedoConnection.Call statement, List<Execution> executions) throws Throwable {
        Connection real = connection.real();
        real.setAutoCommit(false);
        boolean committed = false;
        try {
            Object result = change(statement);
            commitUnderLock(real, executions);
            committed = true;
            return result;
        } finally {
            if (!committed) {
                change(() -> {
                    real.rollback();
                    return null;
                });
            }
            real.setAutoCommit(true);
        }
    }

    /** Runs a statement, rollback or other change on one of this data source's connections; see {@link StoreWrites}. */
    Object change(RedoConnection.Call change) throws Throwable {
        return storeWrites.change(change::run);
    }

    /**
     * An online backup of the database into {@code zip} (one entry, H2's file, as H2's {@code BACKUP TO}
     * writes it): H2 writes its file first, its picture taken between changes, and the file is copied
     * while changes go on. The backup holds every transaction committed before the call.
     */
    public void backUp(ZipOutputStream zip) throws SQLException, IOException {
        writeFileAtLast("a backup");
        storeWrites.backup(zip);
    }

    /**
     * Logs the transaction and commits it; false when the log could not take it (then nothing was committed).
     * Setting the position and committing are one change to H2 ({@link StoreWrites}): its picture never
     * holds the position set and not committed.
     */
    private boolean logged(Connection real, RecordFrame executions) throws SQLException {
        long seq = lastSeq + 1;
        return storeWrites.change(() -> {
            try (PreparedStatement position = real.prepareStatement(SET_POSITION)) {
                position.setLong(1, seq);
                position.executeUpdate();
            }
            lastSeq = seq; // taken even if what follows fails: a number is never used for two transactions
            try {
                redo.append(RedoRecord.commit(seq, executions));
            } catch (IOException failed) {
                logWriteFailed(failed);
                return false;
            }
            try {
                real.commit();
            } catch (SQLException failed) {
                try {
                    redo.append(RedoRecord.abort(seq));
                } catch (IOException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                    logWriteFailed(alsoFailed);
                }
                throw failed;
            }
            logged.increment();
            return true;
        });
    }

    /** The log could not be appended to: a new segment, or else no log at all from now on. */
    private void logWriteFailed(IOException failed) {
        try {
            redo.startSegment(lastSeq + 1);
            log.warn("could not append to the redo log; the transaction is written by the database and the log goes on in a new segment", failed);
        } catch (IOException noSegment) {
            broken = true;
            log.error("could not append to the redo log nor start a new segment: every commit is now written by the database"
                    + " at once (as without the log) until the next start", noSegment);
        }
    }

    /**
     * Has the database write its file, then deletes the log's older segments: everything they recorded
     * committed before the new segment began, so the file now holds it.
     *
     * @return false when the database had no pause to take its picture in (nothing deleted; the next one tries again)
     */
    boolean checkpointNow() throws SQLException, IOException {
        long upTo;
        commits.lock();
        try {
            upTo = lastSeq;
            if (broken || upTo == checkpointed && storeWrites.unsavedBytes() <= StoreWrites.UNSAVED_BYTES) {
                return true; // nothing logged since, and H2's memory holds little: no one needs the file written yet
            }
            redo.startSegment(upTo + 1);
        } finally {
            commits.unlock();
        }
        long held = storeWrites.writeFile(PICTURE_PATIENCE);
        if (held < 0) {
            return false;
        }
        commits.lock();
        try {
            redo.deleteOlderSegments();
            checkpointed = upTo;
        } finally {
            commits.unlock();
        }
        checkpoints.increment();
        checkpointNanos.add(held);
        lastCheckpoint = System.nanoTime();
        storeWrites.compact(compactFillRate);
        return true;
    }

    /** A checkpoint when its interval has passed, or sooner when H2 holds much unsaved memory. */
    private void checkpointQuietly() {
        try {
            if (System.nanoTime() - lastCheckpoint >= interval.toNanos() || storeWrites.unsavedBytes() > StoreWrites.UNSAVED_BYTES) {
                if (!checkpointNow()) {
                    log.debug("redo log checkpoint: the database had no pause to take its picture in; trying again");
                }
            }
        } catch (Exception e) {
            if (!closed) {
                log.warn("redo log checkpoint failed; the log keeps its segments until the next one succeeds", e);
            }
        }
    }

    private void recover() throws SQLException, IOException {
        List<RedoRecord> records = redo.readAll();
        long position;
        try (Connection connection = obtainTargetDataSource().getConnection()) {
            storeWrites.take(connection);
            position = position(connection);
            Set<Long> aborted = new HashSet<>();
            records.stream().filter(RedoRecord.Abort.class::isInstance).forEach(r -> aborted.add(r.seq()));
            long after = position;
            List<RedoRecord.Commit> lost = records.stream().filter(RedoRecord.Commit.class::isInstance)
                    .map(RedoRecord.Commit.class::cast)
                    .filter(c -> c.seq() > after && !aborted.contains(c.seq()))
                    .toList();
            if (!lost.isEmpty()) {
                if (position < 0) {
                    throw new IllegalStateException("the redo log in " + redo.folder() + " holds transactions, but the database"
                            + " next to it has no redo_position table: is it the same database?");
                }
                replay(connection, lost);
                log.info("redo log: ran again {} transactions the database file did not hold yet (sequence {} to {})",
                        lost.size(), lost.getFirst().seq(), lost.getLast().seq());
            }
            writeFileAtLast("the log run again");
        }
        long last = Math.max(position, records.stream().mapToLong(RedoRecord::seq).max().orElse(0));
        lastSeq = last;
        checkpointed = last;
        redo.deleteAll();
        redo.startSegment(last + 1);
    }

    private static void replay(Connection connection, List<RedoRecord.Commit> lost) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        for (RedoRecord.Commit commit : lost) {
            try {
                for (Execution execution : commit.executions()) {
                    run(connection, execution);
                }
                try (PreparedStatement position = connection.prepareStatement(SET_POSITION)) {
                    position.setLong(1, commit.seq());
                    position.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException failed) {
                connection.rollback();
                throw new IllegalStateException("could not run logged transaction " + commit.seq() + " again; the redo log is"
                        + " left as it is: " + failed.getMessage(), failed);
            }
        }
        connection.setAutoCommit(autoCommit);
    }

    private static void run(Connection connection, Execution execution) throws SQLException {
        switch (execution.mode()) {
            case PLAIN -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(execution.sql());
                }
            }
            case PREPARED -> {
                try (PreparedStatement statement = connection.prepareStatement(execution.sql())) {
                    set(statement, execution.rows().getFirst());
                    statement.execute();
                }
            }
            case BATCH -> {
                try (PreparedStatement statement = connection.prepareStatement(execution.sql())) {
                    for (List<Execution.Parameter> row : execution.rows()) {
                        set(statement, row);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
        }
    }

    private static void set(PreparedStatement statement, List<Execution.Parameter> row) throws SQLException {
        for (Execution.Parameter parameter : row) {
            parameter.setter().apply(statement, parameter.index(), parameter.values());
        }
    }

    /** The file's position, or -1 when the database has no {@code redo_position} table yet (before its migration). */
    private static long position(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var tables = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = SCHEMA() AND TABLE_NAME = 'REDO_POSITION'")) {
            if (!tables.next() || tables.getInt(1) == 0) {
                return -1;
            }
        }
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT seq FROM redo_position WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Stops the checkpoints, writes the file a last time, empties the log, and closes the pool. */
    @Override
    public void close() throws IOException {
        closed = true;
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(10, TimeUnit.SECONDS);
            // A pool closed before this would open the database afresh from its file, without what only the log holds.
            if (!(obtainTargetDataSource() instanceof com.zaxxer.hikari.HikariDataSource pool && pool.isClosed())) {
                for (int attempt = 0; attempt < 50 && !checkpointNow(); attempt++) {
                    log.debug("last redo log checkpoint: waiting for a pause to write the database's file");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | IOException e) {
            log.warn("last redo log checkpoint failed; the log is run again at the next start", e);
        }
        redo.close();
        if (obtainTargetDataSource() instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                throw new IOException("closing the connection pool failed", e);
            }
        }
    }
}
