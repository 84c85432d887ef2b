package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int restore(String... args) {
        return new RestoreCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private Path zip(Map<String, String> entries) throws Exception {
        Path zip = dir.resolve("switchboard-20261203T000000000Z.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var entry : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(entry.getKey()));
                z.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void aBackupAndTheKeptKeysMakeANewDataFolder() throws Exception {
        Path backup = zip(Map.of("switchboard.mv.db", "database", "attachments/ab/cd", "a file"));
        Path keys = Files.createDirectories(dir.resolve("kept-keys"));
        Files.writeString(keys.resolve("webhook-secrets.key"), "secret");
        Files.writeString(keys.resolve("notes.txt"), "not a key");
        Path data = dir.resolve("restored");

        assertThat(restore(backup.toString(), data.toString(), "--keys", keys.toString())).as(err.toString()).isZero();

        assertThat(data.resolve("switchboard.mv.db")).hasContent("database");
        assertThat(data.resolve("attachments/ab/cd")).hasContent("a file");
        assertThat(data.resolve("webhook-secrets.key")).hasContent("secret");
        assertThat(data.resolve("notes.txt")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("webhook-secrets.key")))).isEqualTo("rw-------");
        assertThat(out.toString()).contains("restored 2 files and 1 keys").contains("--switchboard.data-dir=" + data);
    }

    @Test
    void itNeverWritesIntoAFolderThatHoldsAnything() throws Exception {
        Path backup = zip(Map.of("switchboard.mv.db", "database"));
        Path live = Files.createDirectories(dir.resolve("live"));
        Files.writeString(live.resolve("switchboard.mv.db"), "the live database");

        assertThat(restore(backup.toString(), live.toString())).isEqualTo(1);

        assertThat(live.resolve("switchboard.mv.db")).hasContent("the live database");
        assertThat(err.toString()).contains("is not an empty folder");
    }

    @Test
    void anEntryPointingOutOfTheFolderOrAZipWithoutADatabaseIsRefused() throws Exception {
        assertThat(restore(zip(Map.of("../escaped", "x")).toString(), dir.resolve("a").toString())).isEqualTo(1);
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(err.toString()).contains("points outside the data folder");

        assertThat(restore(zip(Map.of("readme.txt", "x")).toString(), dir.resolve("b").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not a Switchboard backup");
        assertThat(dir.resolve("b")).as("nothing half-restored is left").isEmptyDirectory();

        assertThat(restore("only-one-argument")).isEqualTo(2);
        assertThat(err.toString()).contains("usage:");
    }
}
