package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;

/**
 * What every backbone does, whichever carries it: queued tickets reach routing, each once, with their
 * team; agent signals reach routing with every field, in the order they were sent for a team; pushes
 * reach the live stream. Each implementation runs it ({@code InProcessBackboneTest}, {@code KafkaBackboneTest}).
 */
abstract class BackboneContract {

    /** What the receiving stages heard. */
    static final class Heard implements Backbone.RoutingInput, Backbone.PushOutput {
        final List<Ticket> queued = new CopyOnWriteArrayList<>();
        final List<AgentSignal> signals = new CopyOnWriteArrayList<>();
        final List<Push> pushes = new CopyOnWriteArrayList<>();
        final List<String> changed = new CopyOnWriteArrayList<>();
        /** The nodes in the cluster, as each rebalance told them (Kafka only). */
        final List<java.util.Set<String>> nodes = new CopyOnWriteArrayList<>();

        @Override
        public void nodes(java.util.Set<String> alive) {
            nodes.add(alive);
        }

        @Override
        public CompletableFuture<Void> changed(TicketId ticket, dev.switchboard.ticket.Actor by) {
            changed.add(ticket.value() + " by " + by);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> queued(List<Ticket> tickets) {
            queued.addAll(tickets);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> signal(AgentSignal signal) {
            signals.add(signal);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean deliver(Push push) {
            pushes.add(push);
            return true;
        }
    }

    /** The store the receiving side reads tickets from. */
    static final Map<TicketId, Ticket> STORE = new ConcurrentHashMap<>();

    /** The backbone under test, with {@link #heard()} attached to it. */
    abstract Backbone backbone();

    abstract Heard heard();

    private static String team() {
        return "team-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Ticket stored(String team) {
        Ticket t = Tickets.triaged("c-" + UUID.randomUUID(), team, Priority.P3, "hello", Instant.now());
        STORE.put(t.id(), t);
        return t;
    }

    @Test
    void queuedTicketsOfSeveralTeamsReachRoutingEachOnce() {
        String a = team();
        String b = team();
        List<Ticket> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(stored(i % 3 == 0 ? b : a));
        }
        backbone().queued(sent.subList(0, 5));
        backbone().queued(sent.subList(5, 10));

        await().atMost(Duration.ofSeconds(30)).until(() -> heard().queued.stream().filter(t -> sent.contains(t)).count() == sent.size());
        List<TicketId> got = heard().queued.stream().map(Ticket::id).filter(id -> sent.stream().anyMatch(t -> t.id().equals(id))).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(sent.stream().map(Ticket::id).toList());
        assertThat(heard().queued.stream().filter(sent::contains)).allSatisfy(t ->
                assertThat(t.classification().orElseThrow().team()).isIn(a, b));
    }

    @Test
    void agentSignalsReachRoutingWithEveryFieldInTheirOrder() {
        String team = team();
        List<AgentSignal> sent = new ArrayList<>();
        sent.add(AgentSignal.of(AgentSignal.Kind.CONNECTED, "agent-1", team, backbone().node()));
        for (int i = 0; i < 20; i++) {
            sent.add(AgentSignal.about(i % 2 == 0 ? AgentSignal.Kind.ACKNOWLEDGED : AgentSignal.Kind.RESOLVED, "agent-1", team,
                    Tickets.newId(), backbone().node()));
        }
        sent.add(AgentSignal.of(AgentSignal.Kind.DISCONNECTED, "agent-1", team, backbone().node()));
        sent.forEach(backbone()::signal);

        await().atMost(Duration.ofSeconds(30)).until(() -> heard().signals.stream().filter(s -> s.team().equals(team)).count() == sent.size());
        assertThat(heard().signals.stream().filter(s -> s.team().equals(team)).toList()).as("in order, intact").isEqualTo(sent);
    }

    @Test
    void aPersonsChangeReachesTheRoutingOfTheTicketsTeams() {
        Ticket ticket = stored(team());
        dev.switchboard.ticket.Actor lead = new dev.switchboard.ticket.Actor(dev.switchboard.ticket.Actor.Kind.USER, "lead-1");
        backbone().changed(ticket.id(), java.util.Set.of(ticket.classification().orElseThrow().team()), lead);

        await().atMost(Duration.ofSeconds(30)).until(() -> heard().changed.contains(ticket.id().value() + " by " + lead));
    }

    @Test
    void pushesReachTheLiveStream() {
        String agent = "agent-" + UUID.randomUUID();
        Instant accepted = Instant.parse("2026-12-02T10:00:00.123456Z");
        Push offer = new Push(agent, "{\"type\":\"assignment\",\"ticket\":{\"id\":\"x\"}}", Optional.of(accepted));
        Push withdrawal = new Push(agent, "{\"type\":\"withdrawn\",\"ticketId\":\"x\",\"reason\":\"agent disconnected\"}", Optional.empty());
        backbone().push(offer);
        backbone().push(withdrawal);

        await().atMost(Duration.ofSeconds(30)).until(() -> heard().pushes.stream().filter(p -> p.agentId().equals(agent)).count() == 2);
        assertThat(heard().pushes.stream().filter(p -> p.agentId().equals(agent)).toList()).containsExactly(offer, withdrawal);
    }
}
