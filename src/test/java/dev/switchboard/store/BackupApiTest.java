package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/** An online backup of the embedded deployment: taken while it runs, and a data folder a server starts from. */
@TestPropertySource(properties = "switchboard.backup.keep=2")
class BackupApiTest extends AppTest {

    @Test
    void aBackupHoldsEveryTicketStoredBeforeItAndTheDataFolderAndTheOldestGo() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            Api.Response posted = api().post("/api/v1/tickets", """
                    {"channel":"api","customer":{"email":"bo-%s-%d@example.com"},"subject":"Backup %s","body":"Ticket %d of %s"}"""
                    .formatted(word, i, word, i, word), admin());
            assertThat(posted.status()).as(posted.text()).isEqualTo(202);
        }

        Api.Response taken = api().post("/api/v1/backups", "", admin());

        assertThat(taken.status()).as(taken.text()).isEqualTo(201);
        String file = taken.json().get("file").asString();
        assertThat(api().get("/actuator/prometheus").text()).as("for alerts on backups that stop")
                .containsPattern("switchboard_backup_last_taken_seconds(\\{[^}]*\\})? [1-9]")
                .contains("switchboard_backup_failures_total");
        assertThat(file).startsWith("switchboard-").endsWith(".zip");
        byte[] zip = api().getBytes("/api/v1/backups/" + file, admin()).body();
        Path restored = Files.createTempDirectory("restored");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = restored.resolve(entry.getName()).normalize();
                assertThat(target).startsWithRaw(restored);
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        assertThat(restored.resolve("switchboard.mv.db")).exists();
        assertThat(restored.resolve("webhook-secrets.key")).as("the keys are kept apart from the backups").doesNotExist();
        assertThat(restored.resolve("backups")).doesNotExist();
        assertThat(restored.resolve("switchboard.redo")).doesNotExist();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + restored.resolve("switchboard"), "sa", "");
             PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM tickets WHERE subject = ?")) {
            count.setString(1, "Backup " + word);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("the tickets stored before the backup").isEqualTo(3);
            }
        }

        // switchboard.backup.keep=2: a third backup deletes the first.
        api().post("/api/v1/backups", "", admin());
        api().post("/api/v1/backups", "", admin());
        JsonNode list = api().get("/api/v1/backups", admin()).json();
        assertThat(list).hasSize(2);
        assertThat(list.valueStream().map(b -> b.get("file").asString())).doesNotContain(file);
        assertThat(api().get("/api/v1/backups/" + file, admin()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/backups/..%2Fwebhook-secrets.key", admin()).status()).as("no way out of the folder")
                .isIn(400, 404);
        assertThat(api().get("/api/v1/backups/switchboard-..zip", admin()).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsTakeOrReadBackups() {
        assertThat(api().post("/api/v1/backups", "").status()).isEqualTo(401);
        assertThat(api().get("/api/v1/backups").status()).isEqualTo(401);
    }
}
