package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.store.redo.RedoLoggedDataSource;
import dev.switchboard.store.redo.RedoScope;

/**
 * The application's own data source has the redo log, and closing the application closes the log before
 * its pool: the last checkpoint writes H2's file and empties the log. (Spring destroys the pool it made,
 * not the wrapper a post-processor returned; without closing the log on purpose, its checkpoints went on
 * against a closed pool and its last records stayed behind.)
 */
class RedoLogShutdownTest {

    @TempDir
    Path folder;

    @Test
    void closingTheApplicationWritesTheFileAndEmptiesTheLog() throws Exception {
        RedoLoggedDataSource redo;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
                "--server.port=0", "--switchboard.data-dir=" + folder, "--switchboard.admin.password=shutdown test password",
                "--switchboard.store.redo-log.checkpoint-interval=1h")) {
            DataSource dataSource = app.getBean(DataSource.class);
            assertThat(dataSource.isWrapperFor(RedoLoggedDataSource.class)).isTrue();
            redo = dataSource.unwrap(RedoLoggedDataSource.class);
            RedoScope.logged(() -> new JdbcTemplate(dataSource).update(
                    "INSERT INTO teams (name, categories, created_at) VALUES ('logged', '[]', CURRENT_TIMESTAMP)"));
            assertThat(redo.counts().logged()).isEqualTo(1);
            assertThat(size(redo.folder())).as("in the log, not yet in the file").isPositive();
        }

        assertThat(size(redo.folder())).as("nothing left to run again").isZero();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("switchboard").toAbsolutePath(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM teams WHERE name = 'logged'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private static long size(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
