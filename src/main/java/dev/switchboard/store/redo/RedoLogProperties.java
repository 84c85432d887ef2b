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
 * @param compactFillRate    after each checkpoint, H2 rewrites the live pages of its file's sparsest chunks
 *                           while less than this percentage of the chunks' bytes is live (up to 4 MB at a
 *                           time); 0 never rewrites. Lower keeps a larger file and costs less work at each
 *                           checkpoint (docs/benchmarks.md)
 */
@ConfigurationProperties("switchboard.store.redo-log")
public record RedoLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration checkpointInterval,
        @DefaultValue("" + RedoLoggedDataSource.COMPACT_FILL_RATE) int compactFillRate) {

    public RedoLogProperties {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.store.redo-log.checkpoint-interval must be positive");
        }
        if (compactFillRate < 0 || compactFillRate > 100) {
            throw new IllegalArgumentException("switchboard.store.redo-log.compact-fill-rate must be a percentage, 0 to 100");
        }
    }
}
