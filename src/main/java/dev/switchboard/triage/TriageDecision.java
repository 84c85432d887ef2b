package dev.switchboard.triage;

import java.util.Objects;

import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Priority;

/** Triage's answer for one ticket: its classification and priority, and which source decided. */
public record TriageDecision(Classification classification, Priority priority, Source source) {

    /** Who decided, for metrics: a rule, the model, a fallback rule, or nobody (the default pool). */
    public enum Source { RULE, MODEL, FALLBACK, DEFAULT }

    public TriageDecision {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(source, "source");
    }
}
