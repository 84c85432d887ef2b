package dev.switchboard.store;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Backups of the embedded database and the data folder ({@code switchboard.backup.*}).
 *
 * @param dir      where backups are written; empty: {@code backups} in the data folder (copy them off the machine)
 * @param interval how often one is taken while the server runs; {@code 0}: only when an admin asks
 * @param keep     how many are kept; older ones are deleted after each new one
 */
@ConfigurationProperties("switchboard.backup")
public record BackupProperties(
        @DefaultValue("") String dir,
        @DefaultValue("24h") Duration interval,
        @DefaultValue("3") int keep) {

    public BackupProperties {
        if (keep < 1) {
            throw new IllegalArgumentException("switchboard.backup.keep (" + keep + ") must be at least 1");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("switchboard.backup.interval (" + interval + ") must not be negative");
        }
    }

    Path folder(Path dataDir) {
        return dir.isBlank() ? dataDir.resolve("backups") : Path.of(dir);
    }
}
