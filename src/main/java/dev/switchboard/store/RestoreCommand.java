package dev.switchboard.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code java -jar switchboard.jar restore BACKUP.zip DATA_DIR [--keys FOLDER]}: makes a data folder from
 * a backup ({@link Backups}) and, from the folder they were kept in, the keys a backup leaves out. It
 * writes only into a folder that is empty or new, so that it never mixes a backup with a live
 * database or its redo log; the server is then started on it with {@code --switchboard.data-dir}.
 */
public final class RestoreCommand {

    public static final String NAME = "restore";
    private static final String DATABASE = "switchboard.mv.db";

    private final PrintStream out;
    private final PrintStream err;

    public RestoreCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command on its arguments (without the command's name); the exit code. */
    public int run(String... args) {
        List<String> positional = new ArrayList<>();
        Path keys = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--keys") && i + 1 < args.length) {
                keys = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                return usage("unknown flag " + args[i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            return usage("a backup and a data folder are needed");
        }
        Path backup = Path.of(positional.get(0));
        Path target = Path.of(positional.get(1)).toAbsolutePath().normalize();
        try {
            if (!Files.isRegularFile(backup)) {
                return usage("no backup at " + backup);
            }
            if (Files.exists(target) && !isEmptyFolder(target)) {
                err.println("restore: " + target + " is not an empty folder; restore into a new one, then start the server on it");
                return 1;
            }
            if (keys != null && !Files.isDirectory(keys)) {
                return usage("no folder of keys at " + keys);
            }
            Files.createDirectories(target);
            int files;
            int copied;
            try {
                files = unzip(backup, target);
                if (!Files.isRegularFile(target.resolve(DATABASE))) {
                    throw new IOException(backup + " holds no " + DATABASE + ": not a Switchboard backup");
                }
                copied = keys == null ? 0 : copyKeys(keys, target);
            } catch (IOException failed) {
                emptyOut(target); // it was empty: nothing half-restored is left to start a server on
                throw failed;
            }
            out.println("restored " + files + " files" + (keys == null ? "" : " and " + copied + " keys") + " into " + target);
            if (keys == null) {
                out.println("the backup holds no keys: copy the kept portal-link.key and webhook-secrets.key into it"
                        + " (or pass --keys FOLDER), or tracking links and webhook deliveries fail");
            }
            out.println("start the server with --switchboard.data-dir=" + target);
            return 0;
        } catch (IOException failed) {
            err.println("restore: " + failed.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("restore: " + problem);
        err.println("usage: java -jar switchboard.jar restore BACKUP.zip DATA_DIR [--keys FOLDER]");
        return 2;
    }

    private static void emptyOut(Path folder) throws IOException {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(folder)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static int unzip(Path backup, Path target) throws IOException {
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(backup))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target) || file.equals(target)) {
                    throw new IOException("the backup's entry " + entry.getName() + " points outside the data folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
                files++;
            }
        }
        return files;
    }

    /** The keys ({@code *.key}) of the folder they were kept in, readable by their owner only. */
    private static int copyKeys(Path keys, Path target) throws IOException {
        int copied = 0;
        try (Stream<Path> files = Files.list(keys)) {
            for (Path key : files.filter(f -> f.getFileName().toString().endsWith(".key") && Files.isRegularFile(f)).toList()) {
                Path copy = target.resolve(key.getFileName());
                Files.copy(key, copy, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // a file system without POSIX permissions: as the folder's
                }
                copied++;
            }
        }
        return copied;
    }
}
