package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The figures count from the scheduled send time, and a ticket accepted but never offered is lost. */
class MeasurementsTest {

    private static BenchOptions options(String... extra) {
        String[] base = {"--url", "http://127.0.0.1:1", "--rate", "100", "--duration", "10", "--warmup", "0"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return BenchOptions.parse(all);
    }

    @Test
    void latencyStartsAtTheScheduledSendNotWhenTheClientGotRoundToIt() {
        Measurements m = new Measurements(options());
        long start = 1_000_000_000L;
        m.begin(start);
        // Ticket 5 was due 50 ms in; a client that fell behind sent it at 80 ms and the answer came at 90 ms.
        m.sending(5, start + 80_000_000L);
        m.accepted(5, start + 90_000_000L, false);
        m.assigned(5, start + 95_000_000L, true, Optional.empty());
        m.interval();

        assertThat(m.acceptTotal.getMaxValue()).as("40 ms, not 10 ms").isBetween(39_900L, 40_100L);
        assertThat(m.endToEndTotal.getMaxValue()).isBetween(44_900L, 45_100L);
        assertThat(m.toAssignTotal.getMaxValue()).as("time to assign counts from the actual send").isBetween(14_900L, 15_100L);
    }

    @Test
    void aBatchIsDueWhenItsLastTicketIsAndItsTicketsAreTimedFromThen() {
        Measurements m = new Measurements(options("--batch", "4")); // 100/s for 10 s: 1,000 tickets, 10 ms apart
        long start = 1_000_000_000L;
        m.begin(start);

        assertThat(m.scheduledAt(0)).as("tickets 0 to 3 go together at ticket 3's time").isEqualTo(start + 30_000_000L);
        assertThat(m.scheduledAt(3)).isEqualTo(start + 30_000_000L);
        assertThat(m.scheduledAt(4)).isEqualTo(start + 70_000_000L);
        assertThat(m.scheduledAt(999)).as("the last batch is a whole one").isEqualTo(start + 9_990_000_000L);
        assertThat(new Measurements(options("--batch", "3")).scheduledAt(999))
                .as("a last batch of one ticket (1,000 = 333 x 3 + 1) goes at its own time, not past the run's end")
                .isEqualTo(new Measurements(options()).scheduledAt(999));

        m.sending(0, start + 31_000_000L);
        m.accepted(0, start + 40_000_000L, false);
        m.interval();
        assertThat(m.acceptTotal.getMaxValue()).as("10 ms from the batch's time, not 40 from ticket 0's").isBetween(9_900L, 10_100L);
    }

    @Test
    void eachIntervalHoldsOnlyItsOwnTicketsAndTheTotalsHoldEachOnce() {
        Measurements m = new Measurements(options());
        long start = 1_000_000_000L;
        m.begin(start);
        m.sending(5, start + 50_000_000L);
        m.accepted(5, start + 60_000_000L, false);
        m.assigned(5, start + 70_000_000L, true, Optional.empty());
        assertThat(m.interval().getTotalCount()).isEqualTo(1);
        // The next interval reuses the first's histogram: it must start empty.
        assertThat(m.interval().getTotalCount()).as("nothing recorded since").isZero();
        m.sending(6, start + 60_000_000L);
        m.accepted(6, start + 65_000_000L, false);
        m.assigned(6, start + 90_000_000L, true, Optional.empty());
        org.HdrHistogram.Histogram third = m.interval();

        assertThat(third.getTotalCount()).isEqualTo(1);
        assertThat(third.getMaxValue()).as("ticket 6: 30 ms").isBetween(29_900L, 30_100L);
        assertThat(m.endToEndTotal.getTotalCount()).isEqualTo(2);
        assertThat(m.acceptTotal.getTotalCount()).isEqualTo(2);
        assertThat(m.endToEndTotal.getMinValue()).as("ticket 5: 20 ms").isBetween(19_900L, 20_100L);
    }

    @Test
    void theServersStampSplitsTheEndToEndTime() {
        Measurements m = new Measurements(options());
        long start = System.nanoTime();
        m.begin(start);
        // Ticket 5 was due 50 ms in; the server stamped it 62 ms in and the offer arrived 95 ms in.
        Instant now = Instant.now();
        long nowNanos = m.nanoTimeOf(now);
        Instant stamped = now.plus(start + 62_000_000L - nowNanos, ChronoUnit.NANOS);
        m.sending(5, start + 50_000_000L);
        m.accepted(5, start + 70_000_000L, false);
        m.assigned(5, start + 95_000_000L, true, Optional.of(stamped));
        m.interval();

        assertThat(m.toServerTotal.getMaxValue()).as("due to stamped").isBetween(11_900L, 12_100L);
        assertThat(m.fromServerTotal.getMaxValue()).as("stamped to offered").isBetween(32_900L, 33_100L);
        assertThat(m.endToEndTotal.getMaxValue()).isBetween(44_900L, 45_100L);
    }

    @Test
    void theClientsWriteIsTimedFromTheDueTimeOncePerTicketOfItsPost() {
        Measurements m = new Measurements(options("--batch", "2")); // tickets 10 ms apart, two a post
        long start = 1_000_000_000L;
        m.begin(start);
        // Tickets 4 and 5 are due together at 50 ms; the loop handed them over at 52 ms, the I/O thread wrote them at 61 ms.
        m.sending(4, start + 52_000_000L);
        m.sending(5, start + 52_000_000L);
        m.written(4, 6, start + 61_000_000L);
        m.interval();

        assertThat(m.clientWriteTotal.getTotalCount()).as("one for each ticket of the post").isEqualTo(2);
        assertThat(m.clientWriteTotal.getMaxValue()).as("due to written: 11 ms").isBetween(10_900L, 11_100L);
        assertThat(m.clientWriteTotal.getMinValue()).isBetween(10_900L, 11_100L);
    }

    @Test
    void acceptedButNeverOfferedIsLostAndAMergeIsNot() {
        Measurements m = new Measurements(options());
        m.begin(1);
        m.sending(0, 2);
        m.accepted(0, 3, false);
        m.sending(1, 2);
        m.accepted(1, 3, true);
        m.sending(2, 2);
        m.accepted(2, 3, false);
        m.assigned(2, 4, false, Optional.empty());
        m.assigned(2, 5, false, Optional.empty());
        m.sending(3, 2);
        m.failed(3, "http_503");

        assertThat(m.unassigned()).isEqualTo(1);
        assertThat(m.reoffers.sum()).isEqualTo(1);
        assertThat(m.misrouted.sum()).isEqualTo(1);
        assertThat(m.inFlight()).isZero();
        assertThat(m.errorsByKind()).containsEntry("http_503", 1L);
    }

    @Test
    void theWarmUpIsFollowedButNotMeasured() {
        Measurements m = new Measurements(options("--warmup", "2"));
        m.begin(1);
        m.sending(150, 2); // due at 1.5 s: in the warm-up
        m.accepted(150, 3, false);
        m.assigned(150, 4, true, Optional.empty());
        m.interval();

        assertThat(m.endToEndTotal.getTotalCount()).isZero();
        assertThat(m.unassigned()).isZero();
    }

    @Test
    void durationsTakeSecondsOrAUnit() {
        assertThat(BenchOptions.duration("30").toSeconds()).isEqualTo(30);
        assertThat(BenchOptions.duration("500ms").toMillis()).isEqualTo(500);
        assertThat(BenchOptions.duration("2m").toSeconds()).isEqualTo(120);
        assertThat(options().total()).isEqualTo(1_000);
    }
}
