package dev.switchboard.store.redo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded database's redo log ({@code switchboard.store.redo-log.*}); see {@link RedoLoggedDataSource}.
 *
 * @param enabled            whether an H2 file database ({@code jdbc:h2:file:}) gets the log; without it, H2
 *                           writes its file at every commit (the URL's {@code WRITE_DELAY=0})
 * @param checkpointInterval how often H2 writes its file and the log is cut back: the longest stretch of
 *                           transactions a restart runs again
 */
@ConfigurationProperties("switchboard.store.redo-log")
public record RedoLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration checkpointInterval) {

    public RedoLogProperties {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.store.redo-log.checkpoint-interval must be positive");
        }
    }
}
