package dev.switchboard.learning;

import java.util.Locale;

/** Where a model version stands. */
public enum ModelStatus {
    /** Serves every ticket but the candidate's share. */
    CURRENT,
    /** Being rolled out: serves a stable share of tickets, stage by stage. */
    CANARY,
    /** Served once, replaced by a better one; may be put back by hand. */
    RETIRED,
    /** Worse than the current model on held-out tickets: never served. */
    REJECTED,
    /** Misrouted more than the current model live (or taken back by hand): no longer served. */
    ROLLED_BACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
