package dev.switchboard.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.util.unit.DataSize;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.web.ServiceUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class GroupCommitterTest {

    /** A journal that records each group it is given, can be held shut, and can fail. */
    static final class FakeJournal implements IntakeJournal {
        final List<List<Admission>> groups = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        volatile RuntimeException failure;
        volatile String poison = "";

        @Override
        public List<IntakeOutcome> record(List<Admission> admissions) {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            if (admissions.stream().anyMatch(a -> a.ticket().body().equals(poison))) {
                throw new DataIntegrityViolationException("duplicate key");
            }
            groups.add(List.copyOf(admissions));
            return admissions.stream().<IntakeOutcome>map(a -> a.ticket().body().startsWith("again")
                    ? new IntakeOutcome.Replayed(a.ticket()) : new IntakeOutcome.Stored(a.ticket())).toList();
        }

        @Override
        public int forgetKeysBefore(Instant cutoff) {
            return 0;
        }
    }

    private final FakeJournal journal = new FakeJournal();
    /** What the committer handed to routing, group by group. */
    private final List<List<Ticket>> handedOn = Collections.synchronizedList(new ArrayList<>());
    private GroupCommitter committer = committer(100);

    private GroupCommitter committer(int queueCapacity) {
        return committer(queueCapacity, handedOn::add);
    }

    private GroupCommitter committer(int queueCapacity, java.util.function.Consumer<List<Ticket>> stored) {
        var limits = new IntakeProperties(200, 50_000, 20, 2048, DataSize.ofKilobytes(16), DataSize.ofKilobytes(512),
                1000, DataSize.ofMegabytes(32), queueCapacity, 256, Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofHours(24));
        GroupCommitter c = new GroupCommitter(journal, stored, limits, new SimpleMeterRegistry());
        c.start();
        return c;
    }

    @AfterEach
    void stop() {
        journal.open.countDown();
        if (committer.isRunning()) {
            committer.stop();
        }
    }

    private static Admission admission(String body) {
        return new Admission(Tickets.ticket("c1", body), new Actor(Actor.Kind.API_KEY, "k"), Optional.empty());
    }

    @Test
    void requestsThatArriveDuringACommitShareTheNextOne() throws Exception {
        var first = committer.submit(List.of(admission("first")));
        journal.entered.await(5, TimeUnit.SECONDS);
        List<CompletableFuture<List<IntakeOutcome>>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(committer.submit(List.of(admission("t" + i), admission("u" + i))));
        }

        journal.open.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
        for (int i = 0; i < 50; i++) {
            List<IntakeOutcome> outcomes = waiting.get(i).get(5, TimeUnit.SECONDS);
            assertThat(outcomes).extracting(o -> ((IntakeOutcome.Stored) o).ticket().body()).containsExactly("t" + i, "u" + i);
        }
        assertThat(journal.groups).hasSize(2);
        assertThat(journal.groups.get(1)).hasSize(100);
    }

    @Test
    void anUnreachableDatabaseFailsEveryWaitingRequestWith503() {
        journal.failure = new DataAccessResourceFailureException("connection refused");
        journal.open.countDown();

        var future = committer.submit(List.of(admission("a")));

        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServiceUnavailableException.class)
                .satisfies(e -> assertThat(((ServiceUnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void aConstraintViolationSinksOnlyTheRequestThatCausedIt() throws Exception {
        journal.poison = "bad";
        var first = committer.submit(List.of(admission("first")));
        journal.entered.await(5, TimeUnit.SECONDS);
        var good = committer.submit(List.of(admission("good")));
        var bad = committer.submit(List.of(admission("bad")));
        var alsoGood = committer.submit(List.of(admission("also good")));

        journal.open.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThat(good.get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThat(alsoGood.get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(ServiceUnavailableException.class);
        // committed one by one after the shared commit failed: routing hears of what was stored, nothing else
        assertThat(handedOn).extracting(GroupCommitterTest::bodies)
                .containsExactly(List.of("first"), List.of("good"), List.of("also good"));
    }

    @Test
    void aFullQueueAnswersAtOnce() throws Exception {
        committer.stop();
        committer = committer(2);
        committer.submit(List.of(admission("held in the journal")));
        journal.entered.await(5, TimeUnit.SECONDS);
        committer.submit(List.of(admission("queued 1")));
        committer.submit(List.of(admission("queued 2")));

        assertThatThrownBy(() -> committer.submit(List.of(admission("one too many"))))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("capacity");
    }

    @Test
    void stoppingCommitsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        var first = committer.submit(List.of(admission("first")));
        journal.entered.await(5, TimeUnit.SECONDS);
        var queued = committer.submit(List.of(admission("queued")));

        var stopping = CompletableFuture.runAsync(committer::stop);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> committer.submit(List.of(admission("late")))).isInstanceOf(ServiceUnavailableException.class));
        journal.open.countDown();
        stopping.get(5, TimeUnit.SECONDS);

        assertThat(first).isCompleted();
        assertThat(queued.get()).hasSize(1);
        assertThat(journal.groups).extracting(List::size).containsExactly(1, 1);
    }

    private static List<String> bodies(List<Ticket> tickets) {
        return tickets.stream().map(Ticket::body).toList();
    }

    @Test
    void aCommitHandsItsNewTicketsToRoutingInOneGroupBeforeItsRequestsHearOfIt() throws Exception {
        committer.stop();
        List<CompletableFuture<List<IntakeOutcome>>> waiting = new ArrayList<>();
        List<Boolean> answeredWhenHandedOn = Collections.synchronizedList(new ArrayList<>());
        committer = committer(100, tickets -> {
            handedOn.add(tickets);
            synchronized (waiting) {
                waiting.forEach(w -> answeredWhenHandedOn.add(w.isDone()));
            }
        });
        var first = committer.submit(List.of(admission("first")));
        journal.entered.await(5, TimeUnit.SECONDS);
        synchronized (waiting) {
            waiting.add(committer.submit(List.of(admission("a"), admission("again, a retry"))));
            waiting.add(committer.submit(List.of(admission("b"))));
        }

        journal.open.countDown();

        for (var w : waiting) {
            w.get(5, TimeUnit.SECONDS);
        }
        first.get(5, TimeUnit.SECONDS);
        assertThat(handedOn).extracting(GroupCommitterTest::bodies).containsExactly(List.of("first"), List.of("a", "b"));
        assertThat(answeredWhenHandedOn).isNotEmpty().containsOnly(false);
    }

    @Test
    void aTicketStoredAfterItsRequestGaveUpWaitingIsRoutedAllTheSame() throws Exception {
        var first = committer.submit(List.of(admission("held in the journal")));
        journal.entered.await(5, TimeUnit.SECONDS);
        var late = committer.submit(List.of(admission("late")));
        late.cancel(false); // its request gone, as one past its commit timeout: nobody reads this answer

        journal.open.countDown();

        first.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(handedOn).extracting(GroupCommitterTest::bodies).contains(List.of("late")));
    }

    @Test
    void routingRefusingTheTicketsStillAnswersTheRequestsThatStoredThem() throws Exception {
        committer.stop();
        committer = committer(100, tickets -> {
            throw new IllegalStateException("no routing is attached to the backbone yet");
        });
        journal.open.countDown();

        var stored = committer.submit(List.of(admission("stored")));

        assertThat(stored.get(5, TimeUnit.SECONDS)).singleElement().isInstanceOf(IntakeOutcome.Stored.class);
    }
}
