package dev.switchboard.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validator;

/**
 * A request body's checks, answered together: those its annotations declare and those only code can make
 * (a team that exists, a URL's scheme), so that a client learns of every bad field in one answer rather
 * than one per round. Used in place of {@code @Valid} where a controller checks more than annotations can.
 */
public final class RequestChecks {

    private final List<FieldProblem> problems = new ArrayList<>();

    private RequestChecks() {
    }

    /** The request's annotated constraints, checked. */
    public static RequestChecks of(Validator validator, Object request) {
        RequestChecks checks = new RequestChecks();
        validator.validate(request).forEach(v -> checks.problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
        return checks;
    }

    /** Whether no problem was found with {@code field} yet: a check that needs it well-formed runs only then. */
    public boolean fine(String field) {
        return problems.stream().noneMatch(p -> p.field().equals(field));
    }

    /** Names {@code field} with {@code message}. */
    public RequestChecks problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
        return this;
    }

    /** Throws {@link InvalidRequestException} (a 400 naming every field) when anything was found. */
    public void orThrow() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
