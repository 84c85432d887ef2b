package dev.switchboard.learning;

import java.time.Instant;

/** Live figures of the models, counted from the tickets they decided. */
public interface ModelStats {

    /** How the version did on tickets received since {@code since}. */
    LiveFigures of(String version, Instant since);
}
