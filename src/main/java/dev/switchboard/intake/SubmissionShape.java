package dev.switchboard.intake;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A submitted ticket's fields checked before it is bound to a {@link TicketSubmission}: each one known, and
 * of the JSON type its field holds.
 *
 * <p>Binding alone falls short three times: it stops at the first field of the wrong type, so a client with
 * two learns of one; it turns a number or a boolean where text belongs into text ({@code "body": true}
 * would be stored as the body "true"); and it ignores a field it does not know, so a misspelt one is lost
 * without a word. Here every such field is named at once, and the submission is
 * bound without them, so that {@link SubmissionValidator} still names what else is wrong in the same answer.
 * The fields and their types are read from the records, so the two cannot drift apart.
 */
final class SubmissionShape {

    /** The submission's unknown fields and fields of the wrong type, and the submission without them. */
    record Checked(List<FieldProblem> problems, JsonNode bindable) {

        /** Whether a problem the validator found comes of a field taken out here (a required body that was a number). */
        boolean explains(FieldProblem problem) {
            return problems.stream().anyMatch(wrong -> related(wrong.field(), problem.field()));
        }

        private static boolean related(String a, String b) {
            return a.equals(b) || a.startsWith(b + ".") || a.startsWith(b + "[") || b.startsWith(a + ".")
                    || b.startsWith(a + "[");
        }
    }

    /** What a field holds, read from its record component. */
    private enum Kind { TEXT, RECORD, OBJECT, TEXTS, ARRAY, ANY }

    /** A record's fields by JSON name, read once: reflection on every ticket cost kilobytes of garbage each. */
    private record Fields(Map<String, Kind> kinds, Map<String, Fields> nested) {

        static Fields of(Class<?> type) {
            Map<String, Kind> kinds = new LinkedHashMap<>();
            Map<String, Fields> nested = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> t = component.getType();
                Kind kind = t == String.class ? Kind.TEXT
                        : t.isRecord() ? Kind.RECORD
                        : t == Map.class ? Kind.OBJECT
                        : t == List.class && elementType(component) == String.class ? Kind.TEXTS
                        : t == List.class ? Kind.ARRAY
                        : Kind.ANY;
                kinds.put(component.getName(), kind);
                if (kind == Kind.RECORD) {
                    nested.put(component.getName(), of(t));
                }
            }
            return new Fields(Map.copyOf(kinds), Map.copyOf(nested));
        }
    }

    private static final Fields SUBMISSION = Fields.of(TicketSubmission.class);

    private SubmissionShape() {
    }

    /** Checks a JSON object against {@link TicketSubmission}'s fields. */
    static Checked check(ObjectNode submission) {
        List<FieldProblem> problems = new ArrayList<>(0);
        List<List<String>> wrong = new ArrayList<>(0);
        check(submission, SUBMISSION, List.of(), problems, wrong);
        if (wrong.isEmpty()) {
            return new Checked(List.of(), submission);
        }
        ObjectNode bindable = submission.deepCopy();
        for (List<String> path : wrong) {
            ObjectNode parent = bindable;
            for (String name : path.subList(0, path.size() - 1)) {
                parent = (ObjectNode) parent.get(name);
            }
            parent.remove(path.getLast());
        }
        return new Checked(List.copyOf(problems), bindable);
    }

    /** Names the fields of {@code object} that {@code fields} does not have or that hold another type, and notes their paths in {@code wrong}. */
    private static void check(JsonNode object, Fields fields, List<String> at, List<FieldProblem> problems,
                              List<List<String>> wrong) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            Kind kind = fields.kinds().get(name);
            if (kind == null) { // a misspelt "sbject" would otherwise lose the subject without a word
                wrong(at, name, "", ApiProblems.UNKNOWN_FIELD, problems, wrong);
                continue;
            }
            if (value.isNull()) {
                continue; // as if missing: the validator says whether it is needed
            }
            switch (kind) {
                case TEXT -> {
                    if (!value.isString()) {
                        wrong(at, name, "", "must be a string", problems, wrong);
                    }
                }
                case RECORD -> {
                    if (value.isObject()) {
                        List<String> path = new ArrayList<>(at);
                        path.add(name);
                        check(value, fields.nested().get(name), path, problems, wrong);
                    } else {
                        wrong(at, name, "", "must be an object", problems, wrong);
                    }
                }
                case OBJECT -> {
                    if (!value.isObject()) {
                        wrong(at, name, "", "must be an object", problems, wrong);
                    }
                }
                case TEXTS, ARRAY -> {
                    if (!value.isArray()) {
                        wrong(at, name, "", "must be an array", problems, wrong);
                    } else if (kind == Kind.TEXTS) {
                        for (int i = 0; i < value.size(); i++) {
                            if (!value.get(i).isString()) {
                                wrong(at, name, "[" + i + "]", "must be a string", problems, wrong);
                            }
                        }
                    }
                }
                case ANY -> {
                }
            }
        }
    }

    /**
     * Names {@code at.name} (with {@code suffix}, an element's index) and notes the field to be left out of
     * binding; a list with a bad element goes whole, as taking the element out would shift the others' indexes.
     */
    private static void wrong(List<String> at, String name, String suffix, String message, List<FieldProblem> problems,
                              List<List<String>> wrong) {
        List<String> path = new ArrayList<>(at);
        path.add(name);
        problems.add(new FieldProblem(String.join(".", path) + suffix, message));
        if (!wrong.contains(path)) {
            wrong.add(path);
        }
    }

    private static Class<?> elementType(RecordComponent component) {
        return component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element ? element : Object.class;
    }
}
