package dev.switchboard.triage.rules;

import java.util.List;

/** A rule set that cannot be used; each problem names the rule and the field. The last good set stays in force. */
public class InvalidRuleSetException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public InvalidRuleSetException(List<RuleProblem> problems) {
        super("invalid rule set: " + String.join("; ", problems.stream().map(RuleProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
