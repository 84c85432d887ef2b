package dev.switchboard.triage;

/** How a ticket is worded, as far as it moves the priority. */
public enum Tone {
    /** Angry, alarmed or urgent: one step more urgent. */
    NEGATIVE,
    /** Nothing clear either way. */
    NEUTRAL,
    /** Thankful, relaxed, "no rush": one step less urgent. */
    POSITIVE
}
