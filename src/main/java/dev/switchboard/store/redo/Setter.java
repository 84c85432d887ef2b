package dev.switchboard.store.redo;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameter setters of {@link PreparedStatement} the redo log can keep, each with a fixed code in the
 * log. A transaction that sets a parameter any other way (a stream, a blob, an array) is not logged: it
 * is made durable at its commit instead, as without the log.
 */
enum Setter {
    NULL("setNull", int.class),
    STRING("setString", String.class),
    NSTRING("setNString", String.class),
    INT("setInt", int.class),
    LONG("setLong", long.class),
    SHORT("setShort", short.class),
    BYTE("setByte", byte.class),
    DOUBLE("setDouble", double.class),
    FLOAT("setFloat", float.class),
    BOOLEAN("setBoolean", boolean.class),
    BIG_DECIMAL("setBigDecimal", BigDecimal.class),
    BYTES("setBytes", byte[].class),
    TIMESTAMP("setTimestamp", Timestamp.class),
    DATE("setDate", Date.class),
    TIME("setTime", Time.class),
    OBJECT("setObject", Object.class),
    OBJECT_TYPED("setObject", Object.class, int.class);

    private static final Map<Method, Setter> BY_METHOD = new HashMap<>();

    static {
        for (Setter setter : values()) {
            BY_METHOD.put(setter.method, setter);
        }
    }

    private final Method method;

    Setter(String name, Class<?>... valueTypes) {
        Class<?>[] types = new Class<?>[valueTypes.length + 1];
        types[0] = int.class;
        System.arraycopy(valueTypes, 0, types, 1, valueTypes.length);
        try {
            this.method = PreparedStatement.class.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The setter a proxied call is, or null when the log cannot keep it. */
    static Setter of(Method method) {
        return BY_METHOD.get(method);
    }

    /** Sets the parameter again on a statement, as it was set when the transaction ran. */
    void apply(PreparedStatement statement, int index, Object[] values) throws java.sql.SQLException {
        Object[] args = new Object[values.length + 1];
        args[0] = index;
        System.arraycopy(values, 0, args, 1, values.length);
        try {
            method.invoke(statement, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof java.sql.SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("replaying " + method.getName() + " failed", e.getCause());
        }
    }
}
