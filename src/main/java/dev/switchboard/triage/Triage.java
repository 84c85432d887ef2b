package dev.switchboard.triage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.triage.rules.RuleSet;
import dev.switchboard.triage.rules.TriageRule;

/**
 * Decides a ticket's category, team and priority, in order: (1) the first override rule that matches,
 * (2) the classifier, whose unsure answers (below the threshold) go to the generalist team for human
 * review, (3) when the classifier is absent or unhealthy, the first fallback rule that matches,
 * (4) the generalist team's default pool. Then the priority (see {@link PriorityPolicy}). Pure logic:
 * it never fails a ticket, whatever the classifier does.
 */
public final class Triage {

    /** The category given when nothing could tell. */
    public static final String UNCATEGORIZED = "general_inquiry";

    private final Supplier<RuleSet> rules;
    private final GuardedClassifier classifier;
    private final ToneDetector tone;
    private final PriorityPolicy priorities;
    private final Supplier<Map<String, String>> teamByCategory;
    private final String generalistTeam;
    private final double threshold;

    /**
     * @param teamByCategory the team that works each category, as it stands now; others go to {@code generalistTeam}
     * @param threshold      the classifier's confidence below which a ticket needs human review
     */
    public Triage(Supplier<RuleSet> rules, GuardedClassifier classifier, ToneDetector tone, PriorityPolicy priorities,
                  Supplier<Map<String, String>> teamByCategory, String generalistTeam, double threshold) {
        this.rules = rules;
        this.classifier = classifier;
        this.tone = tone;
        this.priorities = priorities;
        this.teamByCategory = teamByCategory;
        this.generalistTeam = generalistTeam;
        this.threshold = threshold;
    }

    public TriageDecision decide(Ticket ticket) {
        RuleSet ruleSet = rules.get();
        Optional<TriageRule> override = ruleSet.firstOverride(ticket);
        if (override.isPresent()) {
            return byRule(ticket, override.get(), "rule:", TriageDecision.Source.RULE);
        }
        Optional<Prediction> prediction = classifier.classify(ticket.id(), ticket.text());
        if (prediction.isPresent()) {
            Prediction p = prediction.get();
            boolean sure = p.isConfident(threshold);
            String team = sure ? teamFor(p.label()) : generalistTeam;
            return decision(ticket, new Classification(p.label(), team, p.confidence(), !sure, "model:" + p.modelVersion(),
                    List.of()), Optional.empty(), TriageDecision.Source.MODEL);
        }
        Optional<TriageRule> fallback = ruleSet.firstFallback(ticket);
        if (fallback.isPresent()) {
            return byRule(ticket, fallback.get(), "fallback:", TriageDecision.Source.FALLBACK);
        }
        return decision(ticket, new Classification(UNCATEGORIZED, generalistTeam, 0, true, "default", List.of()),
                Optional.empty(), TriageDecision.Source.DEFAULT);
    }

    private TriageDecision byRule(Ticket ticket, TriageRule rule, String prefix, TriageDecision.Source source) {
        TriageRule.Action action = rule.action();
        String category = action.category().orElse(UNCATEGORIZED);
        String team = action.team().orElseGet(() -> teamFor(category));
        return decision(ticket, new Classification(category, team, 1, false, prefix + rule.name(), action.tags()),
                action.priority(), source);
    }

    private TriageDecision decision(Ticket ticket, Classification classification,
                                    Optional<dev.switchboard.ticket.Priority> fromRule, TriageDecision.Source source) {
        Tone wording = fromRule.isPresent() ? Tone.NEUTRAL : tone.toneOf(ticket.text());
        return new TriageDecision(classification,
                priorities.priority(classification.category(), wording, ticket.channel(), fromRule), source);
    }

    private String teamFor(String category) {
        return teamByCategory.get().getOrDefault(category, generalistTeam);
    }
}
