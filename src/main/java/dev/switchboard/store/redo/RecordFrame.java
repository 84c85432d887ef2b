package dev.switchboard.store.redo;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One record of the redo log as it goes to the file: the frame ({@link RedoLog}: length and CRC-32C), then
 * the payload ({@link RedoRecord}), in one array. A commit's statements are encoded into it before the
 * commit takes its number, with room left in front for the frame and the record's kind and number, which
 * are filled in place: the bytes are written once and never copied on their way to the file.
 *
 * <p>A platform thread (intake's group commit, routing) encodes its commits into one buffer of its own
 * ({@link #ofThisThread}), reused from one commit to the next: the record must be appended before the thread
 * encodes its next one. A buffer that grew past {@value #KEPT_BYTES} bytes for a large transaction is let go
 * at the thread's next commit.
 */
final class RecordFrame extends ByteArrayOutputStream {

    /** Bytes in front of a payload in the log: its length and its checksum. */
    static final int FRAME_BYTES = 8;
    private static final int KEPT_BYTES = 1 << 20;
    private static final int INITIAL_BYTES = 8 * 1024;
    private static final int VIRTUAL_BYTES = 1024;
    private static final ThreadLocal<RecordFrame> OF_THREAD = ThreadLocal.withInitial(() -> new RecordFrame(INITIAL_BYTES));

    /** Writes into this frame after what it holds. */
    final DataOutputStream data = new DataOutputStream(this);

    private RecordFrame(int size) {
        super(size);
    }

    /** A frame of its own for a payload of {@code length} bytes, to be filled through {@link #payloadHeader}. */
    static RecordFrame sized(int length) {
        RecordFrame frame = new RecordFrame(FRAME_BYTES + length);
        frame.count = FRAME_BYTES + length;
        return frame;
    }

    /**
     * The calling thread's frame, emptied, with room for the frame and for the payload's first {@code header}
     * bytes (filled later through {@link #payloadHeader}); what is written to it next follows them.
     */
    static RecordFrame ofThisThread(int header) {
        // A virtual thread (a request's) lives for one task: a buffer of its own would not be used again.
        RecordFrame frame = Thread.currentThread().isVirtual() ? new RecordFrame(VIRTUAL_BYTES) : OF_THREAD.get();
        if (frame.buf.length > KEPT_BYTES) {
            frame = new RecordFrame(INITIAL_BYTES);
            OF_THREAD.set(frame);
        }
        frame.count = FRAME_BYTES + header;
        return frame;
    }

    /** The payload, in place: its first bytes are where a header left free is filled in. */
    ByteBuffer payloadHeader() {
        return ByteBuffer.wrap(buf, FRAME_BYTES, count - FRAME_BYTES).slice();
    }

    /** The payload alone, copied. */
    byte[] payload() {
        return Arrays.copyOfRange(buf, FRAME_BYTES, count);
    }

    /** Fills in the frame's length and checksum, and gives the whole record, ready to be written. */
    ByteBuffer framed() {
        int length = count - FRAME_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(buf, FRAME_BYTES, length);
        ByteBuffer whole = ByteBuffer.wrap(buf, 0, count);
        whole.putInt(0, length).putInt(4, (int) crc.getValue());
        return whole;
    }
}
