package dev.switchboard.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validator;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * A request body's checks, answered together: those its annotations declare and those only code can make
 * (a team that exists, a URL's scheme), so that a client learns of every bad field in one answer rather
 * than one per round. Used in place of {@code @Valid} where a controller checks more than annotations can.
 */
public final class RequestChecks {

    private final List<FieldProblem> problems = new ArrayList<>();

    private RequestChecks() {
    }

    /**
     * The request's annotated constraints, checked as {@code @Valid} checks them: through Spring's adapter, so
     * that a field is named as in every other answer ({@code skills[]}, not Bean Validation's
     * {@code skills[].<iterable element>}).
     */
    public static RequestChecks of(Validator validator, Object request) {
        RequestChecks checks = new RequestChecks();
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(request, "request");
        new SpringValidatorAdapter(validator).validate(request, errors);
        checks.problems.addAll(problems(errors));
        return checks;
    }

    /** The field errors of a validation, as problems: the one naming of both ways a body is checked. */
    static List<FieldProblem> problems(Errors errors) {
        return errors.getFieldErrors().stream().map(error -> new FieldProblem(error.getField(), error.getDefaultMessage())).toList();
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
