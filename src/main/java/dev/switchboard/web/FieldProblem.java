package dev.switchboard.web;

/**
 * One bad field of a request, as listed in a problem response's {@code errors}.
 *
 * @param field a JSON path into the request, e.g. {@code customer.email} or {@code attachments[2]}
 */
public record FieldProblem(String field, String message) {

    public FieldProblem prefixed(String prefix) {
        if (field.equals("$") || field.isEmpty()) {
            return new FieldProblem(prefix, message);
        }
        return new FieldProblem(prefix + (field.startsWith("[") ? field : "." + field), message);
    }
}
