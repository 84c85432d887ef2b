package dev.switchboard.store.redo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A statement of a {@link RedoConnection}: notes the parameters as they are set and the batches as they
 * are added, and hands each write to the connection with what the redo log would need to run it again.
 */
final class RedoStatement implements InvocationHandler {

    private final RedoConnection connection;
    private final Statement real;
    /** The prepared statement's SQL; null for a plain statement. */
    private final String sql;
    private final TreeMap<Integer, Execution.Parameter> parameters = new TreeMap<>();
    /** Whether the log cannot keep this statement's writes: a parameter set as a stream or a blob, or generated keys asked for. */
    private boolean unrepresentable;
    private final List<List<Execution.Parameter>> batch = new ArrayList<>();
    private final List<String> plainBatch = new ArrayList<>();

    private RedoStatement(RedoConnection connection, Statement real, String sql, boolean unrepresentable) {
        this.connection = connection;
        this.real = real;
        this.sql = sql;
        this.unrepresentable = unrepresentable;
    }

    /**
     * @param sql             the prepared statement's SQL; null for a plain statement
     * @param returnsKeys     whether the statement hands back keys the database generates: its writes are not logged
     */
    static Statement wrap(RedoConnection connection, Statement real, String sql, boolean returnsKeys) {
        Class<?> type = sql == null ? Statement.class : PreparedStatement.class;
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
                new RedoStatement(connection, real, sql, returnsKeys));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (sql != null && method.getDeclaringClass() == PreparedStatement.class && name.startsWith("set")) {
            Object result = call(method, args);
            noteParameter(method, args);
            return result;
        }
        switch (name) {
            case "clearParameters":
                parameters.clear();
                return call(method, args);
            case "addBatch":
                Object added = call(method, args);
                if (args == null) {
                    batch.add(List.copyOf(parameters.values()));
                } else {
                    plainBatch.add((String) args[0]);
                }
                return added;
            case "clearBatch":
                batch.clear();
                plainBatch.clear();
                return call(method, args);
            case "executeUpdate", "executeLargeUpdate", "execute":
                List<Execution> once = args == null
                        ? (unrepresentable ? null : List.of(new Execution(sql, Execution.Mode.PREPARED, List.of(List.copyOf(parameters.values())))))
                        : args.length > 1 ? null // a plain statement asking for generated keys
                        : List.of(new Execution((String) args[0], Execution.Mode.PLAIN, List.of()));
                return connection.write(() -> call(method, args), once);
            case "executeBatch", "executeLargeBatch":
                List<Execution> batched = sql != null
                        ? (unrepresentable ? null : List.of(new Execution(sql, Execution.Mode.BATCH, List.copyOf(batch))))
                        : plainBatch.stream().map(s -> new Execution(s, Execution.Mode.PLAIN, List.of())).toList();
                try {
                    return connection.write(() -> call(method, args), batched);
                } finally { // JDBC empties the batch once it has run, whatever the outcome
                    batch.clear();
                    plainBatch.clear();
                }
            case "getConnection":
                return connection.proxy();
            default:
                return RedoConnection.passOn(self, real, method, args);
        }
    }

    private void noteParameter(Method method, Object[] args) {
        Setter setter = Setter.of(method);
        if (setter == null) {
            unrepresentable = true;
            return;
        }
        Object[] values = new Object[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            Object value = args[i] instanceof byte[] bytes ? bytes.clone() : args[i];
            if (!RedoRecord.representable(value)) {
                unrepresentable = true;
                return;
            }
            values[i - 1] = value;
        }
        int index = (Integer) args[0];
        parameters.put(index, new Execution.Parameter(setter, index, values));
    }

    private Object call(Method method, Object[] args) throws Throwable {
        return RedoConnection.invokeOn(real, method, args);
    }
}
