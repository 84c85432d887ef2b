package dev.switchboard.triage.rules;

import java.util.List;
import java.util.Optional;

import dev.switchboard.ticket.Ticket;

/** Ordered rules; the first that matches wins. */
public record RuleSet(List<TriageRule> rules) {

    public static final RuleSet EMPTY = new RuleSet(List.of());

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** The first override rule that matches: it decides before the classifier. */
    public Optional<TriageRule> firstOverride(Ticket ticket) {
        return rules.stream().filter(TriageRule::overridesModel).filter(r -> r.matches(ticket)).findFirst();
    }

    /** The first fallback (non-override) rule that matches: it decides when the classifier cannot. */
    public Optional<TriageRule> firstFallback(Ticket ticket) {
        return rules.stream().filter(r -> !r.overridesModel()).filter(r -> r.matches(ticket)).findFirst();
    }
}
