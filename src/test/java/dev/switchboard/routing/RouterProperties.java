package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketId;

/**
 * The router's invariants under random interleavings of tickets, agents arriving, changing and
 * leaving, acknowledgements, timeouts, disconnects, hand-backs and releases: no ticket held twice or
 * lost, no agent given work beyond capacity, no waiting ticket while an eligible agent has room, and
 * within a queue the more urgent ticket first.
 */
class RouterProperties {

    private static final List<String> TEAMS = List.of("billing", "support", "ops");
    private static final List<String> CATEGORIES = List.of("billing", "bug", "outage");
    private static final List<String> REGIONS = List.of("eu", "us");
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    sealed interface Op {
    }

    record Submit(int team, int category, int region, int priority, int slaMinutes) implements Op {
    }

    record UpsertAgent(int agent, int team, int skills, int region, int capacity, Presence presence, boolean available)
            implements Op {
    }

    record Disconnect(int agent) implements Op {
    }

    record RemoveAgent(int agent) implements Op {
    }

    record Acknowledge(int ticket) implements Op {
    }

    record TimeOut(int ticket) implements Op {
    }

    record Release(int ticket) implements Op {
    }

    record HandBack(int ticket) implements Op {
    }

    /** A person moves the ticket to a team's queue at a priority (a PATCH of team, category or priority). */
    record Requeue(int ticket, int team, int priority) implements Op {
    }

    /** A person gives the ticket to an agent, whatever their load. */
    record Assign(int ticket, int agent) implements Op {
    }

    // 5,000 tries (about 3 s): a disconnect that left a missed ticket to those who missed it, with no dispatch,
    // took about 2,900 to find; 400 passed it by.
    @Property(tries = 5000)
    void invariantsHoldUnderAnyInterleaving(@ForAll("operations") List<Op> operations) {
        Router router = new Router(RoutingWeights.DEFAULT);
        List<WaitingTicket> submitted = new ArrayList<>();
        Map<TicketId, WaitingTicket> live = new LinkedHashMap<>();
        // Who let a ticket's offer run out, and who handed it back (the router's two kinds of refusal).
        Map<TicketId, Set<String>> missed = new HashMap<>();
        Map<TicketId, Set<String>> declined = new HashMap<>();
        int step = 0;
        for (Op op : operations) {
            Map<String, Integer> heldBefore = new HashMap<>();
            router.agents().forEach(a -> heldBefore.put(a.id(), router.heldBy(a.id()).size()));
            List<Assignment> made = switch (op) {
                case Submit s -> {
                    Instant at = T0.plusSeconds(step);
                    WaitingTicket t = new WaitingTicket(Tickets.newId(), TEAMS.get(s.team()), CATEGORIES.get(s.category()),
                            REGIONS.get(s.region()), Priority.values()[s.priority()], at.plusSeconds(60L * s.slaMinutes()), at);
                    submitted.add(t);
                    live.put(t.id(), t);
                    yield router.submit(t);
                }
                case UpsertAgent u -> router.upsertAgent(new AgentState("agent-" + u.agent(), TEAMS.get(u.team()),
                        skills(u.skills()), REGIONS.get(u.region()), u.capacity(), u.presence(), u.available()));
                case Disconnect d -> router.disconnected("agent-" + d.agent());
                case RemoveAgent r -> router.removeAgent("agent-" + r.agent());
                case Acknowledge a -> {
                    pick(submitted, a.ticket()).flatMap(t -> router.holderOf(t.id()).map(h -> router.acknowledge(t.id(), h)));
                    yield List.of();
                }
                case TimeOut t -> pick(submitted, t.ticket()).flatMap(ticket -> router.holderOf(ticket.id()).map(holder -> {
                    boolean unacknowledged = !router.isAcknowledged(ticket.id());
                    List<Assignment> out = router.offerTimedOut(ticket.id(), holder);
                    if (unacknowledged) {
                        missed.computeIfAbsent(ticket.id(), id -> new HashSet<>()).add(holder);
                    }
                    return out;
                })).orElse(List.of());
                case Release r -> pick(submitted, r.ticket()).map(t -> {
                    live.remove(t.id());
                    missed.remove(t.id());
                    declined.remove(t.id());
                    return router.release(t.id());
                }).orElse(List.of());
                case HandBack h -> pick(submitted, h.ticket()).flatMap(ticket -> router.holderOf(ticket.id()).map(holder -> {
                    declined.computeIfAbsent(ticket.id(), id -> new HashSet<>()).add(holder);
                    return router.handBack(ticket.id());
                })).orElse(List.of());
                case Requeue q -> pick(submitted, q.ticket()).filter(t -> live.containsKey(t.id())).map(t -> {
                    WaitingTicket old = live.get(t.id());
                    WaitingTicket moved = new WaitingTicket(old.id(), TEAMS.get(q.team()), old.category(), old.region(),
                            Priority.values()[q.priority()], old.slaDue(), old.receivedAt());
                    live.put(moved.id(), moved);
                    missed.remove(moved.id());
                    declined.remove(moved.id());
                    return router.requeue(moved);
                }).orElse(List.of());
                case Assign a -> pick(submitted, a.ticket()).filter(t -> live.containsKey(t.id()))
                        .filter(t -> router.agent("agent-" + a.agent()).isPresent())
                        .map(t -> {
                            missed.remove(t.id());
                            declined.remove(t.id());
                            return router.assign(live.get(t.id()), "agent-" + a.agent());
                        }).orElse(List.of());
            };
            step++;
            checkInvariants(router, live, missed, declined, made, heldBefore);
        }
    }

    /**
     * The agents the router may pass over for a waiting ticket of this team: those who handed it back, and
     * those who let its offer run out while another member (receiving, capacity above 0) has done neither.
     */
    private static Set<String> mayPassOver(Router router, String team, Set<String> missed, Set<String> declined) {
        boolean another = router.agents().stream().anyMatch(a -> a.team().equals(team) && a.isReceiving() && a.capacity() > 0
                && !missed.contains(a.id()) && !declined.contains(a.id()));
        Set<String> passed = new HashSet<>(declined);
        if (another) {
            passed.addAll(missed);
        }
        return passed;
    }

    private static void checkInvariants(Router router, Map<TicketId, WaitingTicket> live, Map<TicketId, Set<String>> missed,
                                        Map<TicketId, Set<String>> declined, List<Assignment> made, Map<String, Integer> heldBefore) {
        // Every live ticket is in exactly one place: waiting, or held by exactly one agent.
        Map<TicketId, String> holders = new HashMap<>();
        for (AgentState agent : router.agents()) {
            for (TicketId id : router.heldBy(agent.id())) {
                assertThat(holders.put(id, agent.id())).as("ticket %s held by two agents", id).isNull();
            }
        }
        for (TicketId id : live.keySet()) {
            boolean waiting = router.isWaiting(id);
            boolean held = holders.containsKey(id);
            assertThat(waiting ^ held).as("ticket %s must be waiting xor held (waiting %s, held %s)", id, waiting, held).isTrue();
        }
        assertThat(holders.keySet()).as("only live tickets are held").isSubsetOf(live.keySet());
        int waitingCount = router.depths().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(waitingCount + holders.size()).as("no ticket lost or invented").isEqualTo(live.size());

        // New work only within capacity.
        Set<String> receivers = new HashSet<>();
        made.forEach(a -> receivers.add(a.agentId()));
        for (String agentId : receivers) {
            AgentState agent = router.agent(agentId).orElseThrow();
            assertThat(router.heldBy(agentId).size()).as("%s over capacity", agentId).isLessThanOrEqualTo(agent.capacity());
            assertThat(agent.isReceiving()).as("%s given work while not receiving", agentId).isTrue();
        }

        // Work-conserving: nothing waits while an eligible agent of its team has room (one who let its offer run
        // out is eligible again once nobody else could take it).
        for (String team : TEAMS) {
            for (WaitingTicket waiting : router.queue(team)) {
                Set<String> passed = mayPassOver(router, team, missed.getOrDefault(waiting.id(), Set.of()),
                        declined.getOrDefault(waiting.id(), Set.of()));
                for (AgentState agent : router.agents()) {
                    boolean eligible = agent.team().equals(team) && agent.isReceiving()
                            && router.heldBy(agent.id()).size() < agent.capacity()
                            && !passed.contains(agent.id());
                    assertThat(eligible).as("%s waits while %s could take it", waiting.id(), agent.id()).isFalse();
                }
            }
        }

        // Within a queue the more urgent goes first: nothing left waiting was ahead of an assigned ticket for its agent.
        for (Assignment a : made) {
            for (WaitingTicket waiting : router.queue(a.ticket().team())) {
                boolean ahead = WaitingTicket.QUEUE_ORDER.compare(waiting, a.ticket()) < 0;
                boolean couldHaveGone = !mayPassOver(router, waiting.team(), missed.getOrDefault(waiting.id(), Set.of()),
                        declined.getOrDefault(waiting.id(), Set.of())).contains(a.agentId());
                assertThat(ahead && couldHaveGone).as("%s waits though more urgent than %s, given to %s",
                        waiting.id(), a.ticket().id(), a.agentId()).isFalse();
            }
        }
    }

    private static java.util.Optional<WaitingTicket> pick(List<WaitingTicket> submitted, int index) {
        return submitted.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(submitted.get(index % submitted.size()));
    }

    private static Set<String> skills(int bits) {
        Set<String> skills = new HashSet<>();
        for (int i = 0; i < CATEGORIES.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                skills.add(CATEGORIES.get(i));
            }
        }
        return skills;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> ticket = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> agent = Arbitraries.integers().between(0, 5);
        Arbitrary<Op> submit = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 120))
                .as(Submit::new);
        Arbitrary<Op> upsert = Combinators.combine(agent, Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 3),
                Arbitraries.of(Presence.class), Arbitraries.of(true, true, false))
                .as(UpsertAgent::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, submit),
                        net.jqwik.api.Tuple.of(4, upsert),
                        net.jqwik.api.Tuple.of(1, agent.map(Disconnect::new)),
                        net.jqwik.api.Tuple.of(1, agent.map(RemoveAgent::new)),
                        net.jqwik.api.Tuple.of(3, ticket.map(Acknowledge::new)),
                        net.jqwik.api.Tuple.of(2, ticket.map(TimeOut::new)),
                        net.jqwik.api.Tuple.of(3, ticket.map(Release::new)),
                        net.jqwik.api.Tuple.of(1, ticket.map(HandBack::new)),
                        net.jqwik.api.Tuple.of(1, Combinators.combine(ticket, Arbitraries.integers().between(0, 2),
                                Arbitraries.integers().between(0, 3)).as(Requeue::new)),
                        net.jqwik.api.Tuple.of(1, Combinators.combine(ticket, agent).as(Assign::new)))
                .list().ofMinSize(1).ofMaxSize(150);
    }
}
