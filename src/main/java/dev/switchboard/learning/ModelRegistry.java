package dev.switchboard.learning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every model version trained here, and what happened to them. */
public interface ModelRegistry {

    /** Newest first. */
    List<ModelVersion> all();

    Optional<ModelVersion> find(String version);

    /** Stores a new version or its new state. */
    void save(ModelVersion version);

    /** Records what happened to a version, for admins to read. */
    void record(String version, String type, String detail, Instant at);

    /** A recorded happening. */
    record Event(String version, String type, String detail, Instant at) {
    }

    /** The latest events, newest first. */
    List<Event> events(int limit);
}
