package dev.switchboard.web;

import java.util.List;

import tools.jackson.databind.DatabindException;

/** Writes Jackson's reference path as the dotted form our problem responses use: {@code customer.email}, {@code tickets[3]}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static String of(List<DatabindException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (DatabindException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
