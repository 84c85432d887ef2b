package dev.switchboard.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A record's {@code toString} without its secrets: settings records that hold passwords and keys print
 * {@code ******} for a secret that is set (and nothing for one that is not), so that a log line, an
 * exception message or a debugger's view never shows them.
 */
public final class Redacted {

    private static final String MASK = "******";

    private Redacted() {
    }

    /** As the record's own {@code toString}, with the named components masked. */
    public static String toString(Record record, String... secrets) {
        Set<String> masked = Set.of(secrets);
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (String secret : secrets) {
            if (java.util.Arrays.stream(components).noneMatch(c -> c.getName().equals(secret))) {
                throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no " + secret + " to mask");
            }
        }
        StringJoiner out = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : components) {
            Object value = value(record, component);
            out.add(component.getName() + "=" + (masked.contains(component.getName()) ? mask(value) : value));
        }
        return out.toString();
    }

    private static String mask(Object value) {
        if (value instanceof Collection<?> many) {
            return many.isEmpty() ? "[]" : "[" + many.size() + " x " + MASK + "]";
        }
        return value == null || value.toString().isEmpty() ? "" : MASK;
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }
}
