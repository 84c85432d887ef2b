package dev.switchboard.triage.rules;

import java.util.List;

/** A rule set that cannot be used; each problem names the rule and the field. The last good set stays in force. */
public class InvalidRuleSetException extends RuntimeException {

    private final transient List<String> problems;

    public InvalidRuleSetException(List<String> problems) {
        super("invalid rule set: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
