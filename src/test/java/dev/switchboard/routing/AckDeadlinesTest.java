package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.switchboard.ticket.TicketId;

/** Offers run out in the order they were made, an acknowledged one never, and a new offer restarts the clock. */
class AckDeadlinesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AckDeadlines deadlines = new AckDeadlines(Duration.ofNanos(100), now::get);
    private final TicketId a = new TicketId("01JAAAAAAAAAAAAAAAAAAAAAAA");
    private final TicketId b = new TicketId("01JBBBBBBBBBBBBBBBBBBBBBBB");
    private final TicketId c = new TicketId("01JCCCCCCCCCCCCCCCCCCCCCCC");

    @Test
    void offersRunOutOldestFirstAndOnlyOnceDue() {
        deadlines.offered(a, "ann");
        now.addAndGet(10);
        deadlines.offered(b, "bob");
        now.addAndGet(10);
        deadlines.offered(c, "cid");

        assertThat(deadlines.nanosToNext()).hasValue(80);
        now.addAndGet(79);
        assertThat(deadlines.due()).isEmpty();
        now.addAndGet(1);
        assertThat(deadlines.due()).extracting(AckDeadlines.Pending::ticketId).containsExactly(a);
        now.addAndGet(10);
        assertThat(deadlines.due()).extracting(AckDeadlines.Pending::agentId).containsExactly("bob");
        assertThat(deadlines.nanosToNext()).hasValue(10);
        now.addAndGet(500);
        assertThat(deadlines.due()).extracting(AckDeadlines.Pending::ticketId).containsExactly(c);
        assertThat(deadlines.nanosToNext()).isEmpty();
    }

    @Test
    void anAcknowledgedOfferDoesNotRunOut() {
        deadlines.offered(a, "ann");
        deadlines.offered(b, "bob");
        deadlines.acknowledged(a);
        now.addAndGet(100);

        assertThat(deadlines.due()).extracting(AckDeadlines.Pending::ticketId).containsExactly(b);
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void offeringATicketAgainRestartsItsTimeWithTheNewAgent() {
        deadlines.offered(a, "ann");
        now.addAndGet(50);
        deadlines.offered(b, "bob");
        deadlines.offered(a, "amy"); // taken back from ann and offered to amy
        now.addAndGet(60);

        assertThat(deadlines.due()).as("ann's first offer no longer runs out at 100").isEmpty();
        now.addAndGet(40);
        assertThat(deadlines.due()).extracting(AckDeadlines.Pending::agentId).containsExactly("bob", "amy");
    }
}
