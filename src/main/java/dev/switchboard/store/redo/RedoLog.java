package dev.switchboard.store.redo;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redo log's files: segments {@code redo-<first sequence number>.log} in one folder, each a run of
 * records framed as length, CRC-32C and payload. Records are appended to the newest segment; a
 * checkpoint starts a new one and, once the database holds everything before it, deletes the older
 * ones. A record cut short by a crash (the tail of the newest segment) fails its length or checksum
 * and ends that segment's reading: its transaction never committed.
 *
 * <p>Not thread-safe: {@link RedoLoggedDataSource} calls it under its commit lock.
 */
final class RedoLog implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(RedoLog.class);
    private static final Pattern SEGMENT = Pattern.compile("redo-(\\d{19})\\.log");
    /** No record is this long; a length beyond it is a torn or foreign tail. */
    private static final int MOST_RECORD_BYTES = 256 * 1024 * 1024;

    private final Path folder;
    private FileChannel current;
    private long currentFirst;

    RedoLog(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    Path folder() {
        return folder;
    }

    /** Every readable record of every segment, oldest first. */
    List<RedoRecord> readAll() throws IOException {
        List<RedoRecord> records = new ArrayList<>();
        for (Path segment : segments()) {
            read(segment, records);
        }
        return records;
    }

    private static void read(Path segment, List<RedoRecord> into) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        while (bytes.remaining() >= RecordFrame.FRAME_BYTES) {
            int at = bytes.position();
            int length = bytes.getInt();
            int checksum = bytes.getInt();
            if (length <= 0 || length > MOST_RECORD_BYTES || length > bytes.remaining()) {
                torn(segment, at, bytes.limit());
                return;
            }
            byte[] payload = new byte[length];
            bytes.get(payload);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            if ((int) crc.getValue() != checksum) {
                torn(segment, at, bytes.limit());
                return;
            }
            into.add(RedoRecord.decode(payload));
        }
        if (bytes.hasRemaining()) {
            torn(segment, bytes.position(), bytes.limit());
        }
    }

    private static void torn(Path segment, int at, int size) {
        log.warn("redo log {}: the last {} bytes (from offset {}) are a record cut short by a crash; it is ignored",
                segment.getFileName(), size - at, at);
    }

    /**
     * Starts the segment that takes records from {@code firstSeq} on; the current one, if any, is closed.
     * Nothing happens when the current segment already starts there (it holds nothing older).
     */
    void startSegment(long firstSeq) throws IOException {
        if (current != null && currentFirst == firstSeq) {
            return;
        }
        closeCurrent();
        current = FileChannel.open(folder.resolve(name(firstSeq)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentFirst = firstSeq;
    }

    /**
     * Appends one record to the current segment. When the write fails, the segment is cut back to where
     * it was, so that no half record stands before the next one.
     */
    void append(RecordFrame record) throws IOException {
        ByteBuffer frame = record.framed();
        long before = current.position();
        try {
            while (frame.hasRemaining()) {
                current.write(frame);
            }
        } catch (IOException failed) {
            current.truncate(before);
            current.position(before);
            throw failed;
        }
    }

    /** Deletes the segments older than the current one: the database holds all they recorded. */
    void deleteOlderSegments() throws IOException {
        for (Path segment : segments()) {
            if (first(segment) < currentFirst) {
                Files.deleteIfExists(segment);
            }
        }
    }

    /** Closes the current segment and deletes every segment: the database holds all they recorded. */
    void deleteAll() throws IOException {
        closeCurrent();
        for (Path segment : segments()) {
            Files.deleteIfExists(segment);
        }
    }

    long currentFirst() {
        return currentFirst;
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> SEGMENT.matcher(f.getFileName().toString()).matches())
                    .sorted(java.util.Comparator.comparingLong(RedoLog::first))
                    .toList();
        }
    }

    private static long first(Path segment) {
        Matcher m = SEGMENT.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(segment.toString());
        }
        return Long.parseLong(m.group(1));
    }

    private static String name(long firstSeq) {
        return String.format("redo-%019d.log", firstSeq);
    }
}
