package dev.switchboard.intake;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON types of a submitted ticket's fields, checked before it is bound to a {@link TicketSubmission}.
 *
 * <p>Binding alone falls short three times: it stops at the first field of the wrong type, so a client with
 * two learns of one; it turns a number or a boolean where text belongs into text ({@code "body": true}
 * would be stored as the body "true"); and it ignores a field it does not know, so a misspelt one is lost
 * without a word. Here every such field is named at once, and the submission is
 * bound without them, so that {@link SubmissionValidator} still names what else is wrong in the same answer.
 * The fields and their types are read from the records, so the two cannot drift apart.
 */
final class SubmissionShape {

    /** The submission's fields of the wrong type, and the submission without them. */
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

    private SubmissionShape() {
    }

    /** Checks a JSON object against {@link TicketSubmission}'s fields. */
    static Checked check(ObjectNode submission) {
        List<FieldProblem> problems = new ArrayList<>();
        List<List<String>> wrong = new ArrayList<>();
        check(submission, TicketSubmission.class, List.of(), problems, wrong);
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

    /** Names the fields of {@code object} that do not fit {@code type}'s, and notes their paths in {@code wrong}. */
    private static void check(JsonNode object, Class<?> type, List<String> at, List<FieldProblem> problems,
                              List<List<String>> wrong) {
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) { // a misspelt "sbject" would otherwise lose the subject without a word
                List<String> path = new ArrayList<>(at);
                path.add(name);
                problems.add(new FieldProblem(String.join(".", path), ApiProblems.UNKNOWN_FIELD));
                wrong.add(path);
            }
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = object.get(component.getName());
            if (value == null || value.isNull()) {
                continue; // missing: the validator says whether it is needed
            }
            List<String> path = new ArrayList<>(at);
            path.add(component.getName());
            String field = String.join(".", path);
            Class<?> expected = component.getType();
            if (expected.isRecord() && value.isObject()) {
                check(value, expected, path, problems, wrong);
                continue;
            }
            int before = problems.size();
            if (expected == String.class && !value.isString()) {
                problems.add(new FieldProblem(field, "must be a string"));
            } else if ((expected.isRecord() || expected == Map.class) && !value.isObject()) {
                problems.add(new FieldProblem(field, "must be an object"));
            } else if (expected == List.class && !value.isArray()) {
                problems.add(new FieldProblem(field, "must be an array"));
            } else if (expected == List.class && elementType(component) == String.class) {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isString()) {
                        problems.add(new FieldProblem(field + "[" + i + "]", "must be a string"));
                    }
                }
            }
            if (problems.size() > before) {
                wrong.add(path); // a list with a bad element goes whole: taking it out would shift the others' indexes
            }
        }
    }

    private static Class<?> elementType(RecordComponent component) {
        return component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element ? element : Object.class;
    }
}
