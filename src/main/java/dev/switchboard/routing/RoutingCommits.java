package dev.switchboard.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.backbone.Backbone;
import dev.switchboard.ticket.TicketId;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What routing has changed and not stored yet, and when it is stored: on the routing thread only.
 *
 * <p>Changes wait here in the order they were made. A step with offers stores them all at once
 * ({@link #storeNow}), since an offer is stored before it is pushed; a step without (acknowledgements,
 * resolutions, withdrawals) leaves them for the next offer's commit, or for {@code write-delay} at the
 * latest ({@link #storeLater}), so that a stream of acks is not a stream of commits. The inputs a
 * backbone waits on ({@link #awaiting}) complete at the next commit that succeeds.
 *
 * <p>A commit the store refuses for a passing reason (it cannot be reached) leaves the changes waiting,
 * tried again every second; any other failure gives them up (an offer among them runs out like an
 * unanswered one and is routed again), and fails the inputs waiting on them.
 */
final class RoutingCommits {

    private static final Logger log = LoggerFactory.getLogger(RoutingCommits.class);
    /** How long routing waits before it tries again to store changes the store refused for a passing reason. */
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);

    private final Assignments assignments;
    private final long writeDelayNanos;
    private final Timer commitTimer;
    private final DistributionSummary changesPerCommit;
    private final List<Assignments.Change> pending = new ArrayList<>();
    /** The tickets of the pending changes. */
    private final Set<TicketId> touched = new HashSet<>();
    /** Inputs applied whose effects wait for the next commit. */
    private final List<CompletableFuture<Void>> awaiting = new ArrayList<>();
    private ScheduledExecutorService thread;
    private boolean flushScheduled;

    RoutingCommits(Assignments assignments, Duration writeDelay, MeterRegistry meters) {
        this.assignments = assignments;
        this.writeDelayNanos = writeDelay.toNanos();
        this.commitTimer = Timer.builder("switchboard.routing.commit")
                .description("Time to store one commit of routing's changes (offers, acknowledgements, resolutions, withdrawals)")
                .publishPercentileHistogram()
                .register(meters);
        this.changesPerCommit = DistributionSummary.builder("switchboard.routing.commit.changes")
                .description("Routing changes stored per commit")
                .register(meters);
    }

    /** At routing's start: nothing waits any more (the store is where routing starts from), on this thread. */
    void start(ScheduledExecutorService routingThread) {
        thread = routingThread;
        discardPending();
        awaiting.clear();
        flushScheduled = false;
    }

    void add(Assignments.Change change) {
        pending.add(change);
        touched.add(change.ticketId());
    }

    /** Whether a change to this ticket waits to be stored. */
    boolean touches(TicketId ticket) {
        return touched.contains(ticket);
    }

    /** An input whose effects a backbone waits to see stored: completes at the next commit. */
    void awaiting(CompletableFuture<Void> stored) {
        awaiting.add(stored);
    }

    /** Stores every pending change in one commit; false when that failed (the changes wait, or were given up). */
    boolean storeNow() {
        if (pending.isEmpty()) {
            stored();
            return true;
        }
        List<Assignments.Change> changes = List.copyOf(pending);
        long start = System.nanoTime();
        try {
            assignments.record(changes);
        } catch (RuntimeException failure) {
            notStored(changes.size(), failure);
            return false;
        }
        commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        changesPerCommit.record(changes.size());
        discardPending();
        stored();
        return true;
    }

    /** A step without offers: its changes go with the next offer's commit, or after write-delay at the latest. */
    void storeLater() {
        if (pending.isEmpty()) {
            stored();
        } else if (!flushScheduled) {
            flushScheduled = true;
            thread.schedule(this::flush, writeDelayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stores what waits; scheduled, and run at a stop so that the last acks and resolutions are stored. */
    void flush() {
        flushScheduled = false;
        storeNow();
    }

    private void stored() {
        awaiting.forEach(done -> done.complete(null));
        awaiting.clear();
    }

    private void failAwaiting(Throwable why) {
        awaiting.forEach(done -> done.completeExceptionally(why));
        awaiting.clear();
    }

    private void notStored(int changes, RuntimeException failure) {
        if (Backbone.NotStored.isPassing(failure)) {
            log.warn("could not store {} routing changes; trying again in {}: {}", changes, STORE_RETRY, failure.toString());
            if (!flushScheduled) {
                try {
                    thread.schedule(this::flush, STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                    flushScheduled = true;
                } catch (RejectedExecutionException stopping) {
                    log.warn("routing stopped before it could store its last {} changes", changes);
                    failAwaiting(new Backbone.NotStored("routing stopped before it could store its changes", failure));
                }
            }
            return;
        }
        log.error("could not store {} routing changes; offers among them are routed again when their ack time runs out",
                changes, failure);
        discardPending();
        failAwaiting(failure);
    }

    private void discardPending() {
        pending.clear();
        touched.clear();
    }
}
