package dev.switchboard.store.redo;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Marks the transactions the redo log may keep instead of the database writing them at commit: the
 * writes that come with tickets (intake's groups, routing's changes, people's changes, deliveries'
 * attempts), whose statements run again after a crash give the same rows because every value they
 * write is a parameter. Every other transaction is written by the database at its commit, as without
 * the log: an id the database generates there (a rule set's version) is then never handed out twice.
 *
 * <p>Outside the embedded database, or with the log turned off, the mark changes nothing.
 */
public final class RedoScope {

    private static final ThreadLocal<Boolean> LOGGED = new ThreadLocal<>();

    private RedoScope() {
    }

    /** Runs {@code work}, whose transactions may be kept by the redo log, on this thread. */
    public static <T> T logged(Supplier<T> work) {
        Boolean outer = LOGGED.get();
        LOGGED.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                LOGGED.remove();
            } else {
                LOGGED.set(outer);
            }
        }
    }

    /** {@code transactions}, each run in a logged scope: for a store all of whose transactions the log may keep. */
    public static TransactionOperations logged(TransactionOperations transactions) {
        return new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return logged(() -> transactions.execute(action));
            }
        };
    }

    static boolean active() {
        return LOGGED.get() != null;
    }
}
