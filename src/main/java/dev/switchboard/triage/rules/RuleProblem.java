package dev.switchboard.triage.rules;

/**
 * One thing wrong with a rule set.
 *
 * @param rule  the rule's name in quotes, or its position ({@code rule #2}) when it has none; empty for the whole set
 * @param field the path inside the rule, e.g. {@code when.metadata[0].op}; empty for the whole rule
 */
public record RuleProblem(String rule, String field, String message) {

    @Override
    public String toString() {
        return (rule.isEmpty() ? "" : rule + ": ") + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
