package dev.switchboard.store.redo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RedoRecordTest {

    @Test
    void aCommitReadsBackAsItWasWrittenWithEveryKindOfValue() throws Exception {
        Timestamp stamp = Timestamp.from(Instant.parse("2026-12-02T10:15:30.123456789Z"));
        List<Object> values = List.of("text with ünïcødé and 'quotes'", 42, 42L, (short) 7, (byte) 1, 0.25d, 1.5f, true,
                new BigDecimal("12345.6789"), OffsetDateTime.of(2026, 12, 2, 10, 15, 30, 123_456_000, ZoneOffset.ofHours(2)),
                Instant.parse("2026-12-02T10:15:30Z"), LocalDateTime.parse("2026-12-02T10:15:30"), LocalDate.parse("2026-12-02"),
                stamp, new UUID(1, 2));
        List<Execution.Parameter> row = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            assertThat(RedoRecord.representable(values.get(i))).isTrue();
            row.add(new Execution.Parameter(Setter.OBJECT, i + 1, new Object[] {values.get(i)}));
        }
        row.add(new Execution.Parameter(Setter.NULL, values.size() + 1, new Object[] {java.sql.Types.VARCHAR}));
        row.add(new Execution.Parameter(Setter.OBJECT_TYPED, values.size() + 2, new Object[] {null, java.sql.Types.DOUBLE}));
        var commit = new RedoRecord.Commit(17, List.of(
                new Execution("INSERT INTO t VALUES (?)", Execution.Mode.BATCH, List.of(row, row)),
                new Execution("DELETE FROM t", Execution.Mode.PLAIN, List.of())));

        var read = (RedoRecord.Commit) RedoRecord.decode(RedoRecord.encode(commit));

        assertThat(read.seq()).isEqualTo(17);
        assertThat(read.executions()).hasSize(2);
        assertThat(read.executions().get(1)).isEqualTo(commit.executions().get(1));
        Execution batch = read.executions().getFirst();
        assertThat(batch.sql()).isEqualTo("INSERT INTO t VALUES (?)");
        assertThat(batch.mode()).isEqualTo(Execution.Mode.BATCH);
        assertThat(batch.rows()).hasSize(2);
        for (List<Execution.Parameter> readRow : batch.rows()) {
            assertThat(readRow).hasSize(row.size());
            for (int i = 0; i < row.size(); i++) {
                assertThat(readRow.get(i).setter()).isEqualTo(row.get(i).setter());
                assertThat(readRow.get(i).index()).isEqualTo(row.get(i).index());
                assertThat(readRow.get(i).values()).containsExactly(row.get(i).values());
            }
        }
        assertThat(((Timestamp) batch.rows().getFirst().get(13).values()[0]).getNanos()).isEqualTo(123456789);
    }

    @Test
    void anAbortReadsBackAndStreamsAndArraysAreNotKept() throws Exception {
        assertThat(RedoRecord.decode(RedoRecord.encode(new RedoRecord.Abort(9)))).isEqualTo(new RedoRecord.Abort(9));
        assertThat(RedoRecord.representable(new java.io.ByteArrayInputStream(new byte[1]))).isFalse();
        assertThat(RedoRecord.representable(new Object[] {"a"})).isFalse();
        assertThat(RedoRecord.representable(new byte[] {1, 2})).isTrue();
    }

    @Test
    void aThreadsCommitsReuseItsFrameAndEachIsFramedWithItsLengthAndChecksum() throws Exception {
        String large = "x".repeat(1_500_000); // past what a thread's frame keeps
        List<byte[]> written = new ArrayList<>();
        for (String text : List.of("first", large, "third", "fourth")) {
            RecordFrame record = RedoRecord.commit(written.size() + 1, RedoRecord.executions(List.of(new Execution(
                    "INSERT INTO t VALUES (?)", Execution.Mode.PLAIN,
                    List.of(List.of(new Execution.Parameter(Setter.STRING, 1, new Object[] {text})))))));
            java.nio.ByteBuffer frame = record.framed();
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            written.add(bytes); // what the log's file gets, before the thread's next commit
        }

        for (int i = 0; i < written.size(); i++) {
            java.nio.ByteBuffer frame = java.nio.ByteBuffer.wrap(written.get(i));
            int length = frame.getInt();
            int checksum = frame.getInt();
            byte[] payload = new byte[frame.remaining()];
            frame.get(payload);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(payload);
            assertThat(length).isEqualTo(payload.length);
            assertThat(checksum).isEqualTo((int) crc.getValue());
            var read = (RedoRecord.Commit) RedoRecord.decode(payload);
            assertThat(read.seq()).isEqualTo(i + 1);
            assertThat(read.executions().getFirst().rows().getFirst().getFirst().values())
                    .containsExactly(List.of("first", large, "third", "fourth").get(i));
        }
    }
}
