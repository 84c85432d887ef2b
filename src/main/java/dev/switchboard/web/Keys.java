package dev.switchboard.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keys a node keeps: the configured one (base64), or one made once and kept, readable by its owner only,
 * in a file of the data folder. Every node of a scale-out deployment must be configured with the same
 * key, since each node's data folder is its own.
 */
public final class Keys {

    /** Bytes of a key made here (256 bits). */
    private static final int MADE_BYTES = 32;

    private Keys() {
    }

    /**
     * @param configured the configured key in base64, or blank for the kept one
     * @param dataDir    the data folder
     * @param fileName   the kept key's file in it, made on first use
     */
    public static byte[] configuredOrKept(String configured, Path dataDir, String fileName) throws IOException {
        if (!configured.isBlank()) {
            return Base64.getDecoder().decode(configured.strip());
        }
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) {
            byte[] key = new byte[MADE_BYTES];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(dataDir);
            Path temporary = Files.createTempFile(dataDir, fileName, ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions protect it
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Base64.getDecoder().decode(Files.readString(file).strip());
    }
}
