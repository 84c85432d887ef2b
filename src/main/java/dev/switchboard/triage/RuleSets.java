package dev.switchboard.triage;

import java.time.Instant;
import java.util.Optional;

/** Rule sets that admins stored, newest last. */
public interface RuleSets {

    /** A stored rule set: its YAML as the admin wrote it. */
    record Stored(long version, String yaml, String createdBy, Instant createdAt) {
    }

    Optional<Stored> latest();

    /** Stores a new rule set (already validated) and returns it with its version. */
    Stored save(String yaml, String createdBy, Instant at);
}
