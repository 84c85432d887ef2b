package dev.switchboard.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Creates the first admin on a first start (no admin yet; agents seeded as demo data do not count).
 * Without a configured password a random one is generated and written to a file readable only by
 * the server's user, never to the log. Runs before other start-up work ({@link Order} 0).
 */
@Order(0)
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final PasswordEncoder passwords;
    private final AdminProperties admin;
    private final Path dataDir;
    private final Clock clock;

    public AdminBootstrap(Users users, PasswordEncoder passwords, AdminProperties admin, Path dataDir, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.admin = admin;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (users.count(Role.ADMIN) > 0) {
            return;
        }
        String password = admin.password();
        if (password.isBlank()) {
            password = Secrets.newSecret("").substring(0, 24);
            Path file = writeOwnerOnly(dataDir.resolve("initial-admin-password"), password);
            log.warn("Created admin {} with a generated password, written to {}; set SWITCHBOARD_ADMIN_PASSWORD to choose one",
                    admin.email(), file.toAbsolutePath());
        } else {
            log.info("Created admin {} from SWITCHBOARD_ADMIN_EMAIL/SWITCHBOARD_ADMIN_PASSWORD", admin.email());
        }
        try {
            users.create(new User(UlidCreator.getMonotonicUlid().toString(), admin.email().trim().toLowerCase(Locale.ROOT),
                    "Administrator", passwords.encode(password), Role.ADMIN, "", clock.instant()));
        } catch (org.springframework.dao.DuplicateKeyException anotherNode) {
            // Nodes of a scale-out deployment starting together on an empty database: another one made it.
            log.info("the admin {} was created by another node at the same moment", admin.email());
        }
    }

    private static Path writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }
}
