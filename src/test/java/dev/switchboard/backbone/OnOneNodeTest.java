package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;


/** The jobs one node does for the cluster (the IMAP poller, the SLA watch): one node runs them, another takes over. */
class OnOneNodeTest {

    @Test
    void oneNodeRunsTheJobAndAnotherTakesOverWhenItStops() {
        Leases leases = Leases.inMemory();
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        Duration hold = Duration.ofSeconds(45); // three runs of 15 s
        OnOneNode a = new OnOneNode(leases, "sla.watch", "node-a", hold,
                Clock.fixed(start, ZoneOffset.UTC));
        assertThat(a.here()).isTrue();
        assertThat(new OnOneNode(leases, "sla.watch", "node-b", hold,
                Clock.fixed(start.plusSeconds(15), ZoneOffset.UTC)).here()).as("node a holds it").isFalse();
        assertThat(new OnOneNode(leases, "email.poll", "node-b", hold,
                Clock.fixed(start.plusSeconds(15), ZoneOffset.UTC)).here()).as("another job").isTrue();
        assertThat(new OnOneNode(leases, "sla.watch", "node-b", hold,
                Clock.fixed(start.plusSeconds(45), ZoneOffset.UTC)).here()).as("node a stopped renewing").isTrue();
        assertThat(new OnOneNode(leases, "sla.watch", "node-a", hold,
                Clock.fixed(start.plusSeconds(50), ZoneOffset.UTC)).here()).as("node b has it now").isFalse();
    }
}
