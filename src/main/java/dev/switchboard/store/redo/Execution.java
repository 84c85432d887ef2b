package dev.switchboard.store.redo;

import java.util.List;

/**
 * One write statement as a logged transaction ran it, to run again the same way after a crash: its SQL
 * and, for a prepared statement, the parameters of each row (one row, or a batch's rows).
 */
record Execution(String sql, Mode mode, List<List<Parameter>> rows) {

    enum Mode {
        /** A plain statement: the SQL alone. */
        PLAIN,
        /** A prepared statement run once with one row of parameters. */
        PREPARED,
        /** A prepared statement's batch: one row of parameters per entry. */
        BATCH
    }

    /** One parameter as it was set: the setter that set it, the position, and the setter's other arguments. */
    record Parameter(Setter setter, int index, Object[] values) {
    }
}
