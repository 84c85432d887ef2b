package dev.switchboard.triage;

import java.util.EnumMap;
import java.util.Map;

import dev.switchboard.ticket.Ticket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Triage as the pipeline runs it: decides a received ticket and counts the decision by its source
 * ({@code switchboard.triage.decisions{source="rule|model|fallback|default", review}}).
 */
public final class TriageStage {

    private final Triage triage;
    private final MeterRegistry meters;
    /** Predictions by model version and confidence, for the learning loop's view in /actuator/prometheus. */
    private final Map<String, Counter> predictions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<TriageDecision.Source, Counter> sure = new EnumMap<>(TriageDecision.Source.class);
    private final Map<TriageDecision.Source, Counter> unsure = new EnumMap<>(TriageDecision.Source.class);

    public TriageStage(Triage triage, MeterRegistry meters) {
        this.triage = triage;
        this.meters = meters;
        for (TriageDecision.Source source : TriageDecision.Source.values()) {
            sure.put(source, counter(meters, source, false));
            unsure.put(source, counter(meters, source, true));
        }
    }

    /** The ticket triaged: classified, prioritised, queued. */
    public Ticket triage(Ticket received) {
        TriageDecision decision = triage.decide(received);
        (decision.classification().needsHumanReview() ? unsure : sure).get(decision.source()).increment();
        if (decision.source() == TriageDecision.Source.MODEL) {
            boolean low = decision.classification().needsHumanReview();
            String model = decision.classification().decidedBy().substring("model:".length());
            predictions.computeIfAbsent(model + (low ? "|low" : "|sure"), key -> Counter.builder("switchboard.triage.predictions")
                    .description("Predictions by model version, and whether their confidence was below the threshold")
                    .tag("model", model).tag("confidence", low ? "low" : "sure").register(meters)).increment();
        }
        return received.triaged(decision.classification(), decision.priority());
    }

    /** What triage would decide for the ticket, without counting it: for trying rules and sizing teams. */
    public TriageDecision preview(Ticket ticket) {
        return triage.decide(ticket);
    }

    private static Counter counter(MeterRegistry meters, TriageDecision.Source source, boolean review) {
        return Counter.builder("switchboard.triage.decisions")
                .description("Triage decisions by who decided, and whether a person must review them")
                .tag("source", source.name().toLowerCase(java.util.Locale.ROOT))
                .tag("review", Boolean.toString(review))
                .register(meters);
    }
}
