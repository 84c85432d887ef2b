package dev.switchboard.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import dev.switchboard.ticket.Ticket;
import dev.switchboard.web.ServiceUnavailableException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Group commit: concurrent intake requests are made durable together, in one transaction for
 * whatever arrived while the previous transaction was committing. One writer thread drains a bounded
 * queue, so under load a commit carries hundreds of tickets for the price of one fsync-free flush, and
 * with a single request waiting it commits at once: no timer, no added latency.
 *
 * <p>Once a transaction has committed, the writer hands the tickets it stored to routing ({@code stored}) and
 * then completes the requests' futures: a ticket reaches routing the moment it is durable, with the rest
 * of its group in one hand-over, not when its request thread next gets a core; and a ticket whose request
 * gave up waiting (its 503 said to retry with the same key) is routed all the same, since it was stored.
 *
 * <p>A request's future completes only after its transaction has committed. A full queue answers
 * 503 at once (back-pressure rather than unbounded memory). When a shared transaction fails on a
 * constraint or a concurrent change (another node stored the same idempotency key, or changed the
 * ticket a duplicate joins, at the same moment), its requests are retried one by one so that one request's conflict cannot sink the others; when the database is
 * unreachable, every waiting request fails fast with 503.
 *
 * <p>On shutdown the writer stops taking new requests and commits everything already queued before
 * the application context closes the database.
 */
public final class GroupCommitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private record Pending(List<Admission> admissions, CompletableFuture<List<IntakeOutcome>> done) {
    }

    private final IntakeJournal journal;
    private final Consumer<List<Ticket>> stored;
    private final BlockingQueue<Pending> queue;
    private final int maxRequestsPerCommit;
    private final Duration retryAfter;
    private final Timer commitTimer;
    private final DistributionSummary ticketsPerCommit;
    private volatile boolean accepting;
    private volatile boolean running;
    private Thread writer;

    /**
     * @param stored told, on the writer thread, of the tickets each commit stored (not merged, not
     *               replayed), before their requests hear of it: routing takes them from there
     */
    public GroupCommitter(IntakeJournal journal, Consumer<List<Ticket>> stored, IntakeProperties properties,
                          MeterRegistry meters) {
        this.journal = journal;
        this.stored = stored;
        this.queue = new ArrayBlockingQueue<>(properties.commitQueueCapacity());
        this.maxRequestsPerCommit = properties.commitMaxRequests();
        this.retryAfter = properties.retryAfter();
        this.commitTimer = Timer.builder("switchboard.intake.commit")
                .description("Time to commit one group of tickets")
                .publishPercentileHistogram()
                .register(meters);
        this.ticketsPerCommit = DistributionSummary.builder("switchboard.intake.commit.tickets")
                .description("Tickets per group commit")
                .register(meters);
        meters.gauge("switchboard.intake.commit.queue", queue, BlockingQueue::size);
    }

    /**
     * Queues admissions for the next commit. The future completes with one outcome per admission once
     * they are durable, or exceptionally with {@link ServiceUnavailableException}.
     *
     * @throws ServiceUnavailableException at once when the queue is full or the server is stopping
     */
    public CompletableFuture<List<IntakeOutcome>> submit(List<Admission> admissions) {
        if (!accepting) {
            throw new ServiceUnavailableException("the server is shutting down", retryAfter, null);
        }
        Pending pending = new Pending(List.copyOf(admissions), new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new ServiceUnavailableException("intake is at capacity", retryAfter, null);
        }
        return pending.done();
    }

    @Override
    public void start() {
        running = true;
        accepting = true;
        // Every ticket passes through this one thread: ahead of the request threads where the JVM may set
        // priorities (-XX:ThreadPriorityPolicy=1 with CAP_SYS_NICE on Linux; docs/operations.md), else no effect.
        writer = Thread.ofPlatform().name("intake-group-commit").priority(Thread.MAX_PRIORITY).start(this::drain);
    }

    @Override
    public void stop() {
        accepting = false;
        running = false;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(drainQueue(), new ServiceUnavailableException("the server is shutting down", retryAfter, null));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at a higher phase) has finished its in-flight requests. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void drain() {
        List<Pending> group = new ArrayList<>(maxRequestsPerCommit);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxRequestsPerCommit - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Pending> group) {
        List<Admission> admissions = new ArrayList<>();
        group.forEach(p -> admissions.addAll(p.admissions()));
        try {
            List<IntakeOutcome> outcomes = commitTimer.record(() -> journal.record(admissions));
            ticketsPerCommit.record(admissions.size());
            handOn(outcomes);
            int from = 0;
            for (Pending pending : group) {
                int to = from + pending.admissions().size();
                pending.done().complete(List.copyOf(outcomes.subList(from, to)));
                from = to;
            }
        } catch (DataIntegrityViolationException | ConcurrencyFailureException conflict) {
            if (group.size() > 1) {
                log.info("group commit of {} requests hit a constraint; committing them one by one", group.size());
                group.forEach(pending -> commit(List.of(pending)));
            } else {
                log.warn("intake commit refused by a constraint", conflict);
                failAll(group, new ServiceUnavailableException("the ticket could not be stored; retry", retryAfter, conflict));
            }
        } catch (RuntimeException failure) {
            log.warn("group commit of {} tickets failed; answering 503", admissions.size(), failure);
            failAll(group, new ServiceUnavailableException("the database cannot take tickets now", retryAfter, failure));
        }
    }

    /** The committed tickets to routing; a failure there leaves them stored, for routing's recovery to find. */
    private void handOn(List<IntakeOutcome> outcomes) {
        List<Ticket> newlyStored = outcomes.stream().filter(IntakeOutcome.Stored.class::isInstance)
                .map(o -> ((IntakeOutcome.Stored) o).ticket()).toList();
        if (newlyStored.isEmpty()) {
            return;
        }
        try {
            stored.accept(newlyStored);
        } catch (RuntimeException failure) {
            log.error("{} stored tickets could not be handed to routing; they wait in the store, where routing's recovery finds them",
                    newlyStored.size(), failure);
        }
    }

    private List<Pending> drainQueue() {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        return rest;
    }

    private static void failAll(List<Pending> group, RuntimeException failure) {
        group.forEach(pending -> pending.done().completeExceptionally(failure));
    }
}
