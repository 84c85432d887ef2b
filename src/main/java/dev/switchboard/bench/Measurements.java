package dev.switchboard.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run saw, ticket by ticket. Latencies are in microseconds and start at the ticket's
 * <em>scheduled</em> send time (start + seq / rate, or its batch's: {@link #scheduledAt}), not when the client
 * got round to sending it:
 * a server that makes the client queue cannot hide that time (no coordinated omission). Tickets sent
 * during the warm-up are followed (lost or not) but not in the latency figures.
 */
final class Measurements {

    static final int UNSENT = 0;
    static final int SENDING = 1;
    static final int ACCEPTED = 2;
    static final int MERGED = 3;
    static final int FAILED = 4;

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private volatile long startNanos;
    private final long warmupNanos;
    private final long durationNanos;
    final long periodNanos;
    final long warmupSeqs;
    final int total;
    /** Tickets posted together; a batch is due when its last ticket is. */
    final int batch;
    private final AtomicIntegerArray state;
    private final AtomicIntegerArray assigned;
    private final AtomicLongArray sentAt;
    private final Series accept = new Series();
    private final Series endToEnd = new Series();
    private final Series toAssign = new Series();
    private final Series toServer = new Series();
    private final Series fromServer = new Series();
    private final Series clientWrite = new Series();
    final Histogram acceptTotal = new Histogram(HIGHEST_MICROS, 3);
    final Histogram endToEndTotal = new Histogram(HIGHEST_MICROS, 3);
    final Histogram toAssignTotal = new Histogram(HIGHEST_MICROS, 3);
    /**
     * The end-to-end time cut at the server's stamp on the ticket ({@code createdAt}, taken as intake reads it):
     * before it, the client's send and the server's request handling up to intake; after it, intake's commit,
     * triage's queue, routing and the push to the agent's socket. Both clocks are this machine's.
     */
    final Histogram toServerTotal = new Histogram(HIGHEST_MICROS, 3);
    final Histogram fromServerTotal = new Histogram(HIGHEST_MICROS, 3);
    /**
     * Due time to the moment the client started writing the request on a connection: the load generator's own
     * lateness (its sending loop or its I/O thread without a core, every connection busy), the part of
     * {@code to_server} that is not the kernel's or the server's.
     */
    final Histogram clientWriteTotal = new Histogram(HIGHEST_MICROS, 3);
    /**
     * Wall-clock microseconds minus {@link System#nanoTime} microseconds, to place the server's stamps on the
     * schedule. Taken again at every {@link #interval()} (each second of a run): taken once, a step of the
     * machine's wall clock during a run (about 100 ms, seen on this machine) moved every later stamp by as much.
     */
    private volatile long wallOffsetMicros = wallOffsetNow();
    final LongAdder sent = new LongAdder();
    final LongAdder acceptedCount = new LongAdder();
    final LongAdder mergedCount = new LongAdder();
    final LongAdder assignedCount = new LongAdder();
    final LongAdder measuredAssigned = new LongAdder();
    final LongAdder misrouted = new LongAdder();
    final LongAdder reoffers = new LongAdder();
    /** Misrouted tickets an agent gave the right category (a PATCH), which sent them to the right queue. */
    final LongAdder reassigned = new LongAdder();
    /** Offers of tickets not sent by this run (left over from an earlier one), worked off at once. */
    final LongAdder foreignOffers = new LongAdder();
    /** Offers of reassigned tickets after the correction: expected, not re-offers. */
    final LongAdder correctedOffers = new LongAdder();
    private final LongAdder failedSends = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile long lastAcceptNanos;

    Measurements(BenchOptions options) {
        long total = options.total();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a run of " + total + " tickets is too long; shorten it or lower the rate");
        }
        this.periodNanos = options.periodNanos();
        this.warmupNanos = Math.min(options.warmup().toNanos(), options.duration().toNanos() / 2);
        this.durationNanos = options.duration().toNanos();
        this.warmupSeqs = warmupNanos / periodNanos;
        this.total = (int) total;
        this.batch = options.batch();
        this.state = new AtomicIntegerArray(this.total);
        this.assigned = new AtomicIntegerArray(this.total);
        this.sentAt = new AtomicLongArray(this.total);
    }

    /** The run starts: ticket 0 is due now. */
    void begin(long now) {
        startNanos = now;
    }

    /** The measured window, after the warm-up to the last scheduled send; empty before the run begins. */
    long windowStart() {
        return startNanos == 0 ? 0 : startNanos + warmupNanos;
    }

    long windowEnd() {
        return startNanos == 0 ? 0 : startNanos + durationNanos;
    }

    /**
     * When the ticket is due to be sent: start + seq / rate, or, posted in batches, when the last ticket of its batch
     * is (an integration sends a batch once it holds it, and the batch's tickets are timed from then).
     */
    long scheduledAt(long seq) {
        long last = Math.min(total - 1, seq / batch * batch + batch - 1); // seq itself when one post a ticket
        return startNanos + last * periodNanos;
    }

    void sending(int seq, long now) {
        sentAt.set(seq, now);
        state.set(seq, SENDING);
        sent.increment();
    }

    /** The client started writing the post of tickets {@code from} (inclusive) to {@code to} on a connection. */
    void written(int from, int to, long now) {
        if (from >= warmupSeqs) {
            long late = micros(now - scheduledAt(from));
            for (int seq = from; seq < to; seq++) {
                clientWrite.record(late);
            }
        }
    }

    void accepted(int seq, long now, boolean merged) {
        state.set(seq, merged ? MERGED : ACCEPTED);
        (merged ? mergedCount : acceptedCount).increment();
        lastAcceptNanos = now;
        if (seq >= warmupSeqs) {
            accept.record(micros(now - scheduledAt(seq)));
        }
    }

    /** A ticket that was not accepted: refused, timed out, or not sent at all (the client's backlog full). */
    void failed(int seq, String kind) {
        if (state.getAndSet(seq, FAILED) == SENDING) {
            failedSends.increment();
        }
        error(kind);
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /**
     * An agent received an offer of this ticket. The first offer is the one measured; later ones (after
     * an ack timeout or a disconnect) are counted as re-offers. A wrong category is a misroute.
     */
    void assigned(int seq, long now, boolean rightCategory, Optional<Instant> stamped) {
        if (!assigned.compareAndSet(seq, 0, 1)) {
            if (assigned.compareAndSet(seq, 2, 3)) {
                correctedOffers.increment(); // the offer after an agent's correction
            } else {
                reoffers.increment();
            }
            return;
        }
        assignedCount.increment();
        if (seq >= warmupSeqs) {
            measuredAssigned.increment();
            if (!rightCategory) {
                misrouted.increment();
            }
            endToEnd.record(micros(now - scheduledAt(seq)));
            long sendStart = sentAt.get(seq);
            if (sendStart != 0) {
                toAssign.record(micros(now - sendStart));
            }
            stamped.ifPresent(at -> {
                long stampNanos = nanoTimeOf(at);
                toServer.record(micros(stampNanos - scheduledAt(seq)));
                fromServer.record(micros(now - stampNanos));
            });
        }
    }

    /**
     * An agent is about to correct a misrouted ticket's category: its next offer (which may come before the
     * correction's answer does) is the corrected routing, not a re-offer.
     */
    void correcting(int seq) {
        assigned.compareAndSet(seq, 1, 2);
    }

    /** The correction was stored. */
    void corrected() {
        reassigned.increment();
    }

    /** The correction failed: a later offer is a re-offer again, unless one came meanwhile. */
    void correctionFailed(int seq) {
        assigned.compareAndSet(seq, 2, 1);
    }

    private static long wallOffsetNow() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - System.nanoTime() / 1_000;
    }

    /** A wall-clock instant on this process's {@link System#nanoTime} scale, to the microsecond. */
    long nanoTimeOf(Instant wallClock) {
        return (ChronoUnit.MICROS.between(Instant.EPOCH, wallClock) - wallOffsetMicros) * 1_000;
    }

    /**
     * Moves what was recorded since the last call into the totals; the end-to-end part of that interval, good
     * until the next call. The interval histograms (188 KB each) are reused from call to call: new ones every
     * second were the bench's own garbage, copied by its young collections while the run was measured.
     */
    synchronized Histogram interval() {
        wallOffsetMicros = wallOffsetNow();
        accept.moveInto(acceptTotal);
        toAssign.moveInto(toAssignTotal);
        toServer.moveInto(toServerTotal);
        fromServer.moveInto(fromServerTotal);
        clientWrite.moveInto(clientWriteTotal);
        return endToEnd.moveInto(endToEndTotal);
    }

    /** One latency as it is recorded, with its last interval histogram, reused at the next interval. */
    private static final class Series {
        private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        private Histogram interval;

        void record(long micros) {
            recorder.recordValue(micros);
        }

        /** Adds what was recorded since the last call to {@code total}; that interval, good until the next call. */
        Histogram moveInto(Histogram total) {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            return interval;
        }
    }

    /** Accepted (not merged into another ticket) but not offered to any agent. */
    long unassigned() {
        long n = 0;
        for (int i = 0; i < total; i++) {
            if (state.get(i) == ACCEPTED && assigned.get(i) == 0) {
                n++;
            }
        }
        return n;
    }

    /** Sent and not answered yet. */
    long inFlight() {
        return sent.sum() - acceptedCount.sum() - mergedCount.sum() - failedSends.sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long lastAcceptNanos() {
        return lastAcceptNanos;
    }

    Map<String, Long> errorsByKind() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((kind, n) -> out.put(kind, n.sum()));
        return out;
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000));
    }
}
