package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.backbone.Backbone;

class RoutingThreadTest {

    /** A step records its inputs' names; completed steps are kept in order. */
    private final List<List<String>> steps = new CopyOnWriteArrayList<>();
    private final RoutingThread<List<String>> thread = new RoutingThread<>(ArrayList::new, steps::add);

    @AfterEach
    void stop() {
        if (thread.running()) {
            thread.stop(() -> { });
        }
    }

    @Test
    void whatArrivesWhileAStepRunsJoinsItInOrder() throws Exception {
        thread.start(executor -> { });
        CountDownLatch hold = new CountDownLatch(1);
        thread.submit(step -> {
            step.add("first");
            waitFor(hold);
        });
        thread.submit(step -> step.add("second"));
        thread.submit(step -> step.add("third"));
        CompletableFuture<Integer> seen = thread.answer(List::size);
        hold.countDown();

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(3);
        // An input that arrived after the step began also schedules another step, which may find the inbox
        // empty by its turn: the first step is the one that took them all.
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !steps.isEmpty());
        List<List<String>> completed = List.copyOf(steps);
        assertThat(completed.getFirst()).containsExactly("first", "second", "third");
        assertThat(completed.subList(1, completed.size())).allMatch(List::isEmpty);
    }

    @Test
    void theThreadAsksForTheHighestPriority() throws Exception {
        thread.start(executor -> { });

        // Only a hint: the JVM sets it where it may (docs/operations.md, "The pipeline's two serial threads first").
        assertThat(thread.answer(step -> Thread.currentThread().getPriority()).get(5, TimeUnit.SECONDS))
                .isEqualTo(Thread.MAX_PRIORITY);
    }

    @Test
    void aFailingInputFailsItsOwnFutureAndNotTheOthersInItsStep() throws Exception {
        thread.start(executor -> { });
        CompletableFuture<Void> failing = thread.stored((step, stored) -> {
            throw new IllegalStateException("no");
        });
        CompletableFuture<Void> fine = thread.stored((step, stored) -> stored.complete(null));

        assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        fine.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aStopFailsTheStoredFuturesStillOpenAndRefusesNewInputs() throws Exception {
        List<String> last = new CopyOnWriteArrayList<>();
        thread.start(executor -> { });
        CompletableFuture<Void> neverStored = thread.stored((step, stored) -> { }); // nobody completes it

        thread.stop(() -> last.add("flushed"));

        assertThat(last).containsExactly("flushed");
        assertThatThrownBy(() -> neverStored.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(Backbone.NotStored.class);
        assertThat(thread.stored((step, stored) -> stored.complete(null))).isCompletedExceptionally();
        assertThat(thread.answer(step -> "too late")).isCompletedExceptionally();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
