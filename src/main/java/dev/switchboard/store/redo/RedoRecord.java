package dev.switchboard.store.redo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A record of the redo log: a logged transaction's statements under its sequence number, or the note
 * that the transaction with that number did not commit after all. The byte form is the payload that
 * {@link RedoLog} frames with a length and a checksum.
 */
sealed interface RedoRecord {

    long seq();

    /** A logged transaction: what to run again, in order, if the database lost it. */
    record Commit(long seq, List<Execution> executions) implements RedoRecord {
    }

    /** The transaction logged under {@code seq} failed at its commit: it must not be run again. */
    record Abort(long seq) implements RedoRecord {
    }

    byte COMMIT = 1;
    byte ABORT = 2;

    /** Bytes of a record's header: its kind and its sequence number. */
    int HEADER_BYTES = 9;

    /** The payload of a record, as the log keeps it (without the log's frame). */
    static byte[] encode(RedoRecord record) {
        return switch (record) {
            case Commit commit -> commit(commit.seq(), executions(commit.executions())).payload();
            case Abort abort -> abort(abort.seq()).payload();
        };
    }

    /** A commit's record: its kind and number filled in before its statements, encoded beforehand by {@link #executions}. */
    static RecordFrame commit(long seq, RecordFrame executions) {
        executions.payloadHeader().put(COMMIT).putLong(seq);
        return executions;
    }

    static RecordFrame abort(long seq) {
        RecordFrame frame = RecordFrame.sized(HEADER_BYTES);
        frame.payloadHeader().put(ABORT).putLong(seq);
        return frame;
    }

    /**
     * The statements of a commit, in the form its record carries them, in the calling thread's frame
     * ({@link RecordFrame#ofThisThread}) after room for the header: encoded before the commit takes its number
     * (and the lock that hands numbers out), so that the lock is held for the header and the write only.
     */
    static RecordFrame executions(List<Execution> executions) {
        RecordFrame frame = RecordFrame.ofThisThread(HEADER_BYTES);
        DataOutputStream out = frame.data;
        try {
            out.writeInt(executions.size());
            for (Execution execution : executions) {
                writeString(out, execution.sql());
                out.writeByte(execution.mode().ordinal());
                out.writeInt(execution.rows().size());
                for (List<Execution.Parameter> row : execution.rows()) {
                    out.writeInt(row.size());
                    for (Execution.Parameter parameter : row) {
                        out.writeByte(parameter.setter().ordinal());
                        out.writeInt(parameter.index());
                        out.writeByte(parameter.values().length);
                        for (Object value : parameter.values()) {
                            writeValue(out, value);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return frame;
    }

    static RedoRecord decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        byte kind = in.readByte();
        long seq = in.readLong();
        if (kind == ABORT) {
            return new Abort(seq);
        }
        if (kind != COMMIT) {
            throw new IOException("unknown redo record kind " + kind);
        }
        int count = in.readInt();
        List<Execution> executions = new ArrayList<>(count);
        for (int e = 0; e < count; e++) {
            String sql = readString(in);
            Execution.Mode mode = Execution.Mode.values()[in.readByte()];
            int rowCount = in.readInt();
            List<List<Execution.Parameter>> rows = new ArrayList<>(rowCount);
            for (int r = 0; r < rowCount; r++) {
                int size = in.readInt();
                List<Execution.Parameter> row = new ArrayList<>(size);
                for (int p = 0; p < size; p++) {
                    Setter setter = Setter.values()[in.readByte()];
                    int index = in.readInt();
                    Object[] values = new Object[in.readByte()];
                    for (int v = 0; v < values.length; v++) {
                        values[v] = readValue(in);
                    }
                    row.add(new Execution.Parameter(setter, index, values));
                }
                rows.add(row);
            }
            executions.add(new Execution(sql, mode, rows));
        }
        return new Commit(seq, executions);
    }

    /** Whether a parameter's value can be kept in the log (and read back equal). */
    static boolean representable(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof Double || value instanceof Float
                || value instanceof Boolean || value instanceof BigDecimal || value instanceof byte[]
                || value instanceof OffsetDateTime || value instanceof Instant || value instanceof LocalDateTime
                || value instanceof LocalDate || value instanceof LocalTime || value instanceof Timestamp
                || value instanceof Date || value instanceof Time || value instanceof UUID;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(0);
            case String s -> {
                out.writeByte(1);
                writeString(out, s);
            }
            case Integer i -> {
                out.writeByte(2);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(3);
                out.writeLong(l);
            }
            case Short s -> {
                out.writeByte(4);
                out.writeShort(s);
            }
            case Byte b -> {
                out.writeByte(5);
                out.writeByte(b);
            }
            case Double d -> {
                out.writeByte(6);
                out.writeDouble(d);
            }
            case Float f -> {
                out.writeByte(7);
                out.writeFloat(f);
            }
            case Boolean b -> {
                out.writeByte(8);
                out.writeBoolean(b);
            }
            case BigDecimal d -> {
                out.writeByte(9);
                writeString(out, d.toString());
            }
            case byte[] b -> {
                out.writeByte(10);
                out.writeInt(b.length);
                out.write(b);
            }
            case OffsetDateTime t -> {
                out.writeByte(11);
                out.writeLong(t.toEpochSecond());
                out.writeInt(t.getNano());
                out.writeInt(t.getOffset().getTotalSeconds());
            }
            case Instant t -> {
                out.writeByte(12);
                out.writeLong(t.getEpochSecond());
                out.writeInt(t.getNano());
            }
            case LocalDateTime t -> {
                out.writeByte(13);
                writeString(out, t.toString());
            }
            case LocalDate t -> {
                out.writeByte(14);
                writeString(out, t.toString());
            }
            case LocalTime t -> {
                out.writeByte(15);
                writeString(out, t.toString());
            }
            case Timestamp t -> {
                out.writeByte(16);
                out.writeLong(t.getTime());
                out.writeInt(t.getNanos());
            }
            case Date d -> {
                out.writeByte(17);
                out.writeLong(d.getTime());
            }
            case Time t -> {
                out.writeByte(18);
                out.writeLong(t.getTime());
            }
            case UUID u -> {
                out.writeByte(19);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            }
            default -> throw new IllegalArgumentException("not representable in the redo log: " + value.getClass());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> readString(in);
            case 2 -> in.readInt();
            case 3 -> in.readLong();
            case 4 -> in.readShort();
            case 5 -> in.readByte();
            case 6 -> in.readDouble();
            case 7 -> in.readFloat();
            case 8 -> in.readBoolean();
            case 9 -> new BigDecimal(readString(in));
            case 10 -> in.readNBytes(in.readInt());
            case 11 -> {
                long seconds = in.readLong();
                int nanos = in.readInt();
                yield OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.ofTotalSeconds(in.readInt()));
            }
            case 12 -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case 13 -> LocalDateTime.parse(readString(in));
            case 14 -> LocalDate.parse(readString(in));
            case 15 -> LocalTime.parse(readString(in));
            case 16 -> {
                Timestamp t = new Timestamp(in.readLong());
                t.setNanos(in.readInt());
                yield t;
            }
            case 17 -> new Date(in.readLong());
            case 18 -> new Time(in.readLong());
            case 19 -> new UUID(in.readLong(), in.readLong());
            default -> throw new IOException("unknown value tag " + tag);
        };
    }
}
