package dev.switchboard.store.redo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection of {@link RedoLoggedDataSource}: passes everything to the pool's connection and keeps,
 * for the transaction under way, the write statements it ran. At the commit the data source either logs
 * them (a transaction in a {@link RedoScope}) or has the database write the commit at once.
 */
final class RedoConnection implements InvocationHandler {

    /** A call on the real connection or statement. */
    @FunctionalInterface
    interface Call {
        Object run() throws Throwable;
    }

    private final Connection real;
    private final RedoLoggedDataSource owner;
    private final Connection proxy;
    private boolean autoCommit;
    /** Whether the transaction under way has run a statement that may have written. */
    private boolean wrote;
    /** Whether it has run one the log cannot keep: its commit is then written by the database. */
    private boolean unloggable;
    private final List<Execution> pending = new ArrayList<>();

    RedoConnection(Connection real, RedoLoggedDataSource owner) throws SQLException {
        this.real = real;
        this.owner = owner;
        this.autoCommit = real.getAutoCommit();
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, this);
    }

    Connection proxy() {
        return proxy;
    }

    Connection real() {
        return real;
    }

    boolean wrote() {
        return wrote;
    }

    /** The statements to log at the commit, or null when the commit must be written by the database. */
    List<Execution> loggable() {
        return unloggable || pending.isEmpty() ? null : pending;
    }

    /** The transaction ended (committed or rolled back): nothing is kept for it any more. */
    void reset() {
        wrote = false;
        unloggable = false;
        pending.clear();
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "createStatement":
                return RedoStatement.wrap(this, (Statement) call(method, args), null, false);
            case "prepareStatement":
                return RedoStatement.wrap(this, (Statement) call(method, args), (String) args[0], asksForKeys(args));
            case "prepareCall":
                wrote = true; // a procedure may write anything: its transaction is written by the database
                unloggable = true;
                return call(method, args);
            case "commit":
                owner.commit(this);
                return null;
            case "rollback":
                if (args == null) {
                    try {
                        owner.change(() -> {
                            real.rollback();
                            return null;
                        });
                    } finally {
                        reset();
                    }
                    return null;
                }
                unloggable = true; // back to a savepoint: the statements kept are no longer what stands
                return owner.change(() -> call(method, args));
            case "setAutoCommit":
                boolean on = (Boolean) args[0];
                if (on && !autoCommit && wrote) {
                    owner.commit(this); // JDBC: turning auto-commit on commits the transaction under way
                }
                owner.change(() -> call(method, args));
                autoCommit = on;
                return null;
            case "close":
                reset();
                return owner.change(() -> call(method, args)); // a pool's close may roll back what is open
            default:
                return passOn(self, real, method, args);
        }
    }

    /**
     * Whether a {@code prepareStatement} call asks for the keys the database generates: a value the log
     * cannot promise to give again, so that statement's writes are not logged.
     */
    private static boolean asksForKeys(Object[] args) {
        return args.length == 2 && (args[1] instanceof int[] || args[1] instanceof String[]
                || Integer.valueOf(Statement.RETURN_GENERATED_KEYS).equals(args[1]));
    }

    /** A call a proxy of the log does not look into: identity stays the proxy's, the rest goes to the real object. */
    static Object passOn(Object self, Object real, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            case "toString" -> "redo-logged " + real;
            default -> invokeOn(real, method, args);
        };
    }

    /**
     * Runs a statement that may write. In auto-commit mode it is a transaction of its own, logged in a
     * {@link RedoScope}, otherwise written by the database at once; in a transaction, its executions are
     * kept for the commit, when it runs in a {@link RedoScope} and {@code executions} is not null (the
     * log can keep them).
     */
    Object write(Call statement, List<Execution> executions) throws Throwable {
        if (autoCommit) {
            return owner.alone(this, statement, RedoScope.active() ? executions : null);
        }
        Object result;
        try {
            result = owner.change(statement);
        } catch (Throwable failed) {
            wrote = true;
            unloggable = true;
            throw failed;
        }
        wrote = true;
        if (!unloggable) {
            if (executions == null || !RedoScope.active()) {
                unloggable = true;
                pending.clear();
            } else {
                pending.addAll(executions);
            }
        }
        return result;
    }

    Object call(Method method, Object[] args) throws Throwable {
        return invokeOn(real, method, args);
    }

    static Object invokeOn(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
