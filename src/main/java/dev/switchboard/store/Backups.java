package dev.switchboard.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.store.redo.RedoLoggedDataSource;

/**
 * Online backups of an embedded (H2) deployment: one zip holding the database as of the moment it was
 * taken, committed transactions only (H2's online copy of its file, taken while tickets keep coming), and the
 * other files of the data folder: local attachments, the triage models. Not the keys ({@code *.key}):
 * the key that seals webhook secrets protects them only from someone who has the database and not the
 * key, so the keys are copied once and kept apart (they never change). Restoring is unzipping a backup
 * and the kept keys into an empty data folder and starting the server on it (docs/operations.md). A
 * deployment on PostgreSQL is backed up with PostgreSQL's tools.
 */
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String PREFIX = "switchboard-";
    /** The first admin's generated password, in plain text for its reader: a secret, so never in a backup. */
    private static final String INITIAL_ADMIN_PASSWORD = "initial-admin-password";

    /** One backup file. */
    public record Backup(String file, long bytes, Instant takenAt) {
    }

    /** The database is not one this server can back up itself. */
    public static final class NotEmbedded extends RuntimeException {
        NotEmbedded(String message) {
            super(message);
        }
    }

    private final DataSource dataSource;
    private final Path dataDir;
    private final Path folder;
    private final int keep;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private volatile Boolean embedded;
    /** When the last backup was taken (epoch seconds; 0: none since the start), for operators to alert on. */
    private final java.util.concurrent.atomic.AtomicLong lastTaken = new java.util.concurrent.atomic.AtomicLong();
    private final io.micrometer.core.instrument.Counter failures;

    public Backups(DataSource dataSource, Path dataDir, BackupProperties properties, Clock clock,
                   io.micrometer.core.instrument.MeterRegistry meters) {
        this.dataSource = dataSource;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.folder = properties.folder(dataDir).toAbsolutePath().normalize();
        this.keep = properties.keep();
        this.clock = clock;
        io.micrometer.core.instrument.Gauge.builder("switchboard.backup.last.taken", lastTaken, java.util.concurrent.atomic.AtomicLong::get)
                .description("When the last backup was taken since the start, in seconds since the epoch (0: none yet)")
                .baseUnit("seconds").register(meters);
        this.failures = io.micrometer.core.instrument.Counter.builder("switchboard.backup.failures")
                .description("Backups that could not be taken").register(meters);
    }

    /**
     * Whether the database is an embedded H2 file, which this server backs up itself: asked of the
     * database once (it does not change while the server runs), and again only while it cannot answer.
     */
    public boolean embedded() {
        Boolean known = embedded;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = "H2".equals(connection.getMetaData().getDatabaseProductName())
                        && connection.getMetaData().getURL().startsWith("jdbc:h2:file:");
            } catch (SQLException unreachable) {
                return false;
            }
            embedded = known;
        }
        return known;
    }

    /**
     * Takes a backup now and deletes the oldest beyond {@code keep}; one at a time.
     *
     * @throws NotEmbedded when the database is not an embedded H2 file
     * @throws IOException when the backup could not be written (nothing half-written is left)
     */
    public Backup take() throws IOException {
        if (!embedded()) {
            throw new NotEmbedded("the database is not the embedded one: back it up with its own tools (pg_dump for PostgreSQL)");
        }
        oneAtATime.lock();
        try {
            Backup backup = write();
            lastTaken.set(backup.takenAt().getEpochSecond());
            return backup;
        } catch (IOException | RuntimeException failed) {
            failures.increment();
            throw failed;
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Writes a backup beside the others, under a temporary name until it is whole. */
    private Backup write() throws IOException {
        Files.createDirectories(folder);
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as its name says it
        Path target = folder.resolve(PREFIX + NAME.format(at) + ".zip");
        Path database = Files.createTempFile(folder, ".database-", ".zip");
        Path partial = Files.createTempFile(folder, ".backup-", ".zip.part");
        try {
            backUpDatabase(database);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                zip.setLevel(Deflater.BEST_SPEED); // the server goes on meanwhile: its CPU matters more than the bytes
                copyEntries(database, zip);
                addDataFolder(zip);
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(database);
            Files.deleteIfExists(partial);
        }
        Backup backup = new Backup(target.getFileName().toString(), Files.size(target), at);
        log.info("backup {} taken ({} bytes)", backup.file(), backup.bytes());
        prune();
        return backup;
    }

    /** The backups there are, newest first. */
    public List<Backup> list() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Backup> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Backups::isBackup).toList()) {
                backups.add(new Backup(file.getFileName().toString(), Files.size(file), takenAt(file)));
            }
        }
        backups.sort(Comparator.comparing(Backup::file).reversed());
        return backups;
    }

    /** The file of a backup by its name, when there is one. */
    public Optional<Path> file(String name) {
        Path file = folder.resolve(name).normalize();
        return file.getParent().equals(folder) && isBackup(file) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * H2's own online backup: H2 writes what is committed to its file first, so the backup holds every
     * transaction committed before it. With the redo log, the log has H2 write its file (H2 must not take
     * its picture of the tables in the middle of a change, see {@code StoreWrites}) and copies it while
     * changes go on; it is no write to run again.
     */
    private void backUpDatabase(Path zip) throws IOException {
        try {
            Files.deleteIfExists(zip);
            if (dataSource instanceof RedoLoggedDataSource redo) {
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                    out.setLevel(Deflater.BEST_SPEED);
                    redo.backUp(out);
                }
            } else {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
                }
            }
        } catch (SQLException failed) {
            throw new IOException("the database could not be backed up: " + failed.getMessage(), failed);
        }
    }

    private static void copyEntries(Path from, ZipOutputStream zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    /** Every file of the data folder but the database's own (in the backup from H2), its redo log, the secrets and the backups. */
    private void addDataFolder(ZipOutputStream zip) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = dataDir.relativize(file);
                String first = relative.getName(0).toString();
                if (file.startsWith(folder) || first.endsWith(".mv.db") || first.endsWith(".trace.db") || first.endsWith(".redo")
                        || first.endsWith(".lock.db") || first.endsWith(".key") || first.equals(INITIAL_ADMIN_PASSWORD)
                        || first.startsWith(".")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(relative.toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    private void prune() throws IOException {
        List<Backup> backups = list();
        for (Backup old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
            Files.deleteIfExists(folder.resolve(old.file()));
            log.info("backup {} deleted (switchboard.backup.keep is {})", old.file(), keep);
        }
    }

    /** When a backup was taken: its name says (a copied file's time does not), else its file's time. */
    private static Instant takenAt(Path file) throws IOException {
        String name = file.getFileName().toString();
        try {
            return Instant.from(NAME.parse(name.substring(PREFIX.length(), name.length() - ".zip".length())));
        } catch (java.time.format.DateTimeParseException | StringIndexOutOfBoundsException renamed) {
            return Files.getLastModifiedTime(file).toInstant();
        }
    }

    private static boolean isBackup(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".zip");
    }
}
