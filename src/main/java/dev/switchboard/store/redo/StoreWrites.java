package dev.switchboard.store.redo;

import java.io.IOException;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.ZipOutputStream;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.h2.util.Utils;

/**
 * H2's writes of its file, taken only at moments when no statement, commit or rollback is changing the
 * database: each of those runs holding a shared lock, and the picture of the tables H2 writes is taken
 * holding it exclusively.
 *
 * <p>Why: H2 writes its file from a picture it takes table by table (and each transaction's undo log
 * as one more table) while other threads go on changing them. A change made while the picture is taken
 * can be in it by halves. Killed runs showed both halves: a commit's {@code redo_position} in the file
 * without the ticket the same transaction inserted (the log then skipped it), and a row changed by a
 * statement without the undo record that goes with it, which H2 cannot roll back on the next start (a
 * new transaction that gets the same number reads it as its own: the start read a {@code redo_position}
 * no commit ever made). With every picture taken between changes, the file holds whole transactions:
 * the committed ones, and the open ones with the undo records H2 rolls them back with.
 *
 * <p>So H2 must never take a picture on its own. It would when its unsaved memory passes a limit (from
 * whichever thread is writing) and from its background writer; the log's URL sets a write delay no run
 * reaches, and {@link #take} raises the memory limit past the point the checkpoints write at
 * ({@link #UNSAVED_BYTES}). The memory limit and H2's writer threads are private fields of H2 2.4.240,
 * reached by reflection: {@link #take} fails when an H2 version no longer has them, and the data source
 * then refuses to start rather than run without the guarantee.
 *
 * <p>Statements that only read ({@code executeQuery}) do not take the lock: they change nothing (the
 * application does not lock rows with {@code SELECT ... FOR UPDATE}).
 */
final class StoreWrites {

    /** Unsaved memory at which a checkpoint comes early (H2's own limit, before, was 19 MB). */
    static final long UNSAVED_BYTES = 16L * 1024 * 1024;
    /** H2's own limit, raised past {@link #UNSAVED_BYTES}; kept under a quarter of the int range H2 multiplies it in. */
    private static final int H2_UNSAVED_LIMIT = 256 * 1024 * 1024;

    @FunctionalInterface
    interface Change<T, E extends Throwable> {
        T run() throws E;
    }

    private static final Field AUTO_COMMIT_MEMORY = field(MVStore.class, "autoCommitMemory", int.class);
    private static final Field SERIALIZATION_EXECUTOR = field(FileStore.class, "serializationExecutor", ThreadPoolExecutor.class);
    private static final Field BUFFER_SAVE_EXECUTOR = field(FileStore.class, "bufferSaveExecutor", ThreadPoolExecutor.class);

    /** Shared by every change to the database, exclusive while H2 takes its picture. Not fair: see {@link #writeFile}. */
    private final ReentrantReadWriteLock changes = new ReentrantReadWriteLock();
    private volatile MVStore store;

    private static Field field(Class<?> owner, String name, Class<?> type) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field.getType() == type ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Takes over H2's writes of its file, through {@code connection}: from now on H2 writes it only when
     * {@link #writeFile} asks.
     *
     * @throws IllegalStateException when this H2 version does not let it
     */
    void take(Connection connection) throws SQLException {
        MVStore found = storeOf(connection);
        if (found == null || AUTO_COMMIT_MEMORY == null || SERIALIZATION_EXECUTOR == null || BUFFER_SAVE_EXECUTOR == null) {
            throw new IllegalStateException("this H2 version (" + org.h2.engine.Constants.FULL_VERSION + ") does not let the"
                    + " redo log choose when H2 writes its file; turn the log off (switchboard.store.redo-log.enabled=false)"
                    + " or use H2 2.4.240");
        }
        try {
            AUTO_COMMIT_MEMORY.setInt(found, H2_UNSAVED_LIMIT);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("could not raise H2's unsaved-memory limit", e);
        }
        store = found;
    }

    /** Runs a statement, commit or rollback: a change to the database, never in H2's picture by halves. */
    <T, E extends Throwable> T change(Change<T, E> change) throws E {
        changes.readLock().lock();
        try {
            return change.run();
        } finally {
            changes.readLock().unlock();
        }
    }

    /** H2's unsaved memory, in bytes: past {@link #UNSAVED_BYTES} a checkpoint comes early. */
    long unsavedBytes() {
        MVStore current = store;
        return current == null || current.isClosed() ? 0 : current.getUnsavedMemory();
    }

    /**
     * Has H2 write its file: takes the picture once no change is under way, and returns once the file
     * holds it, so every commit made before the call. Changes wait only while the picture is taken; H2's
     * writer threads make its bytes and write them while changes go on.
     *
     * <p>Waiting for the changes under way holds back new ones (the lock lets none in ahead of a waiting
     * picture). A statement can wait on a row a transaction holds, and that transaction's commit waits
     * here: after {@code patience} the picture gives up, the changes go on, and this answers -1.
     *
     * @return the time changes were held back, in nanoseconds; -1 when no picture could be taken within
     *         {@code patience} (nothing written; try again)
     * @throws SQLException when the file may not hold those commits (the database is closed, or the write failed)
     */
    long writeFile(Duration patience) throws SQLException {
        MVStore current = store;
        if (current == null) {
            throw new SQLException("H2's writes were not taken over");
        }
        ThreadPoolExecutor serializing;
        ThreadPoolExecutor saving;
        long started = System.nanoTime();
        try {
            if (!changes.writeLock().tryLock(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to write the database's file", e);
        }
        try {
            if (current.isClosed()) { // shut down, or closed by H2 after a write failed: takes no picture
                throw new SQLException("the database is closed: its file may not hold the last commits");
            }
            // Takes the picture; its bytes are made and written after, on H2's writer threads. It takes none when
            // H2 holds its store lock for something else (its own housekeeping, if ever): then wait, and write in full.
            if (current.tryCommit() < 0 && current.hasUnsavedChanges()) {
                current.commit();
            }
            serializing = executor(current, SERIALIZATION_EXECUTOR);
            saving = executor(current, BUFFER_SAVE_EXECUTOR);
        } finally {
            changes.writeLock().unlock();
        }
        long held = System.nanoTime() - started;
        // H2's writers run their tasks in order: once a task given to each after ours has run, ours was written.
        Utils.flushExecutor(serializing);
        Utils.flushExecutor(saving);
        if (current.isClosed()) {
            throw new SQLException("the database is closed: its file may not hold the last commits");
        }
        return held;
    }

    /**
     * Copies H2's file into {@code zip} as one entry named after it, as H2's {@code BACKUP TO} does, but
     * without its first step: {@code BACKUP TO} writes the file at once, taking its picture in the middle
     * of changes. The caller has the file written first ({@link #writeFile}); H2 does not reuse the
     * file's space while it copies, so the copy holds that write whatever follows.
     */
    void backup(ZipOutputStream zip) throws SQLException, IOException {
        MVStore current = store;
        if (current == null || current.isClosed()) {
            throw new SQLException("the database is closed");
        }
        current.getFileStore().backup(zip);
    }

    /**
     * Lets H2 rewrite the live pages of its file's sparsest chunks, up to 4 MB a call, while less than
     * {@code fillRate} percent of what its chunks hold is live (what its background writer did on its own,
     * at 90 %); 0 never rewrites. The rewritten pages go to the file at the next picture.
     */
    void compact(int fillRate) {
        MVStore current = store;
        if (fillRate > 0 && current != null && !current.isClosed()) {
            current.compact(fillRate, 4 * 1024 * 1024);
        }
    }

    /** The size of H2's file and the share of its chunks' bytes that is live (percent); empty before the first connection. */
    java.util.Optional<RedoLoggedDataSource.StoreFile> file() {
        MVStore current = store;
        if (current == null || current.isClosed()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new RedoLoggedDataSource.StoreFile(current.getFileStore().size(),
                current.getFileStore().getChunksFillRate()));
    }

    /** One of H2's writer threads (null when H2 writes on the calling thread: no write delay). */
    private static ThreadPoolExecutor executor(MVStore store, Field field) throws SQLException {
        try {
            return (ThreadPoolExecutor) field.get(store.getFileStore());
        } catch (IllegalAccessException e) {
            throw new SQLException(e);
        }
    }

    private static MVStore storeOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        Store store = session.getDatabase().getStore();
        return store == null ? null : store.getMvStore();
    }
}
