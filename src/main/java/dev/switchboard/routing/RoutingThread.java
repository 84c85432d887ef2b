package dev.switchboard.routing;

import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.backbone.Backbone;

/**
 * The one thread routing runs on, and its inbox. Inputs are queued from any thread; the thread takes
 * everything that has arrived (at most {@link #MOST_PER_STEP}) as one step of type {@code S}, applies
 * the inputs in order, then completes the step. A question gets its answer as a future; an input whose
 * effects a caller waits to see stored gets a future that the step completes when they are. Stopped, it
 * takes no more inputs and fails the futures still open, so that nobody waits on a node that is gone.
 */
final class RoutingThread<S> {

    private static final Logger log = LoggerFactory.getLogger(RoutingThread.class);
    /** Most inputs in one step: bounds a step's transaction when a flood arrives. */
    private static final int MOST_PER_STEP = 2_000;

    private final Supplier<S> newStep;
    private final Consumer<S> completeStep;
    private final Queue<Consumer<S>> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stepPending = new AtomicBoolean();
    /** Every stored-input future not completed yet: failed at a stop, so that no backbone waits on them. */
    private final Set<CompletableFuture<Void>> outstanding = ConcurrentHashMap.newKeySet();
    private volatile ScheduledThreadPoolExecutor thread;
    private volatile boolean running;

    /**
     * @param newStep      a step, made on the thread when it starts taking inputs
     * @param completeStep what ends a step once its inputs are applied (storing, pushing)
     */
    RoutingThread(Supplier<S> newStep, Consumer<S> completeStep) {
        this.newStep = newStep;
        this.completeStep = completeStep;
    }

    /**
     * Starts a new thread with an empty inbox (what came while stopped is in the store, which a start
     * recovers from), hands it to {@code beforeInputs}, then takes inputs.
     */
    void start(Consumer<ScheduledExecutorService> beforeInputs) {
        inbox.clear();
        stepPending.set(false);
        // Every ticket passes through this one thread: ahead of the request threads where the JVM may set
        // priorities (-XX:ThreadPriorityPolicy=1 with CAP_SYS_NICE on Linux; docs/operations.md), else no effect.
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("routing").daemon()
                .priority(Thread.MAX_PRIORITY).factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // pending ack timeouts die with the node
        thread = executor;
        beforeInputs.accept(executor);
        running = true;
    }

    /**
     * Takes no more inputs, runs {@code last} on the thread, waits up to 10 s for the thread to end, and
     * fails the stored-input futures still open: those inputs are delivered again (on the Kafka backbone,
     * to this node's successor).
     */
    void stop(Runnable last) {
        running = false;
        try {
            thread.execute(last);
        } catch (RejectedExecutionException alreadyStopped) {
            log.debug("routing was stopped already");
        }
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Set.copyOf(outstanding).forEach(input -> input.completeExceptionally(new Backbone.NotStored("routing stopped", null)));
    }

    boolean running() {
        return running;
    }

    /** What an input or a question meets while routing is stopped: 503 for a person, delivered again for a message. */
    static <T> CompletableFuture<T> stopped() {
        return CompletableFuture.failedFuture(new Backbone.NotStored("routing is stopped", null));
    }

    /** Queues an input for the next step. */
    void submit(Consumer<S> input) {
        inbox.add(input);
        if (stepPending.compareAndSet(false, true)) {
            try {
                thread.execute(this::step);
            } catch (RejectedExecutionException stopped) {
                log.debug("routing is stopped; an input waits for the next start, which recovers from the store anyway");
            }
        }
    }

    /** Queues an input after {@code delay}. */
    void later(Duration delay, Consumer<S> input) {
        thread.schedule(() -> submit(input), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues an input every {@code period}, the first after one period. */
    void every(Duration period, Consumer<S> input) {
        thread.scheduleWithFixedDelay(() -> submit(input), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Queues an input whose effects a caller waits to see stored. The input is handed the future, to be
     * completed when they are; it fails when the input throws, or when routing stops first.
     */
    CompletableFuture<Void> stored(BiConsumer<S, CompletableFuture<Void>> input) {
        if (!running) {
            return stopped();
        }
        CompletableFuture<Void> stored = new CompletableFuture<>();
        outstanding.add(stored);
        stored.whenComplete((done, failure) -> outstanding.remove(stored));
        submit(step -> {
            try {
                input.accept(step, stored);
            } catch (RuntimeException failure) {
                stored.completeExceptionally(failure);
                throw failure;
            }
        });
        return stored;
    }

    /** Runs {@code work} as an input of the next step and answers with what it returns or throws. */
    <T> CompletableFuture<T> answer(Function<S, T> work) {
        return answer(false, work);
    }

    /** As {@link #answer}, but not at all when its caller gave up waiting (and was told so) by its turn. */
    <T> CompletableFuture<T> answerUnlessAbandoned(Function<S, T> work) {
        return answer(true, work);
    }

    private <T> CompletableFuture<T> answer(boolean unlessAbandoned, Function<S, T> work) {
        if (!running) {
            return stopped();
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        submit(step -> {
            if (unlessAbandoned && done.isDone()) {
                return;
            }
            try {
                done.complete(work.apply(step));
            } catch (RuntimeException failure) {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    /** Runs on the thread: everything in the inbox, as one step. */
    private void step() {
        stepPending.set(false); // from here on, a new input schedules the next step
        S step = newStep.get();
        Consumer<S> input;
        int taken = 0;
        while (taken++ < MOST_PER_STEP && (input = inbox.poll()) != null) {
            try {
                input.accept(step);
            } catch (RuntimeException failure) {
                log.error("a routing input failed; the others in its step go on", failure);
            }
        }
        if (!inbox.isEmpty() && stepPending.compareAndSet(false, true)) {
            thread.execute(this::step);
        }
        try {
            completeStep.accept(step);
        } catch (RuntimeException failure) {
            log.error("a routing step failed after its inputs were applied; offers not pushed run out and are routed again", failure);
        }
    }
}
