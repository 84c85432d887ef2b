package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Backups without the server: what a failure leaves, and what the metrics say. */
class BackupsTest {

    @TempDir
    Path data;

    private JdbcDataSource database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + data.resolve("switchboard") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)");
            s.execute("MERGE INTO t KEY (id) VALUES (1)");
        }
        return h2;
    }

    @Test
    void aBackupThatCannotBeWrittenIsCountedAndLeavesNothing() throws Exception {
        Path notAFolder = Files.writeString(data.resolve("backups-is-a-file"), "x");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Backups backups = new Backups(database(), data, new BackupProperties(notAFolder.toString(), Duration.ZERO, 3),
                Clock.systemUTC(), meters);

        assertThatThrownBy(backups::take).isInstanceOf(IOException.class);

        assertThat(meters.get("switchboard.backup.failures").counter().count()).isEqualTo(1);
        assertThat(meters.get("switchboard.backup.last.taken").gauge().value()).isZero();
        assertThat(notAFolder).hasContent("x");
    }

    @Test
    void aBackupTakenSaysWhenAndHoldsTheFilesButNotTheSecrets() throws Exception {
        Files.writeString(data.resolve("portal-link.key"), "key");
        Files.writeString(data.resolve("initial-admin-password"), "plain");
        Files.createDirectories(data.resolve("attachments/ab")).resolve("cd").toFile().createNewFile();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Backups backups = new Backups(database(), data, new BackupProperties("", Duration.ZERO, 3), Clock.systemUTC(), meters);

        Backups.Backup taken = backups.take();

        assertThat(backups.list()).containsExactly(taken);
        assertThat(meters.get("switchboard.backup.last.taken").gauge().value()).isEqualTo(taken.takenAt().getEpochSecond());
        try (var files = Files.list(data.resolve("backups"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left").containsExactly(taken.file());
        }
        try (var zip = new java.util.zip.ZipFile(data.resolve("backups").resolve(taken.file()).toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).containsExactlyInAnyOrder("switchboard.mv.db", "attachments/ab/cd");
        }
    }
}
