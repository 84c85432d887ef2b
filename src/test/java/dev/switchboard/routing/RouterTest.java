package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketId;

class RouterTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final Router router = new Router(RoutingWeights.DEFAULT);
    private int age;

    private WaitingTicket ticket(String category, String region, Priority priority) {
        Instant at = T0.plusSeconds(age++);
        return new WaitingTicket(Tickets.newId(), "support", category, region, priority, at.plusSeconds(3600), at);
    }

    private static AgentState agent(String id, Set<String> skills, String region, int capacity) {
        return new AgentState(id, "support", skills, region, capacity, Presence.ONLINE, true);
    }

    private static List<String> agentsOf(List<Assignment> assignments) {
        return assignments.stream().map(Assignment::agentId).toList();
    }

    @Test
    void skillOutweighsRegionAndRegionBreaksEqualSkill() {
        router.upsertAgent(agent("billing-us", Set.of("billing"), "us", 5));
        router.upsertAgent(agent("bug-eu", Set.of("bug"), "eu", 5));
        router.upsertAgent(agent("billing-eu", Set.of("billing"), "eu", 5));

        Assignment a = router.submit(ticket("billing", "eu", Priority.P2)).getFirst();

        assertThat(a.agentId()).isEqualTo("billing-eu");
        Assignment.Candidate chosen = a.candidates().stream().filter(c -> c.agentId().equals("billing-eu")).findFirst().orElseThrow();
        assertThat(chosen.score()).isEqualTo(0.6 + 0.2 + 0.2);
        assertThat(a.candidates()).filteredOn(c -> !c.agentId().equals("billing-eu"))
                .allSatisfy(c -> assertThat(c.passedOver()).isEqualTo("lower score"));
    }

    @Test
    void aBigTeamsDecisionListsTheBestFewAndCountsTheRestByReason() {
        router.upsertAgent(agent("expert", Set.of("billing"), "eu", 5));
        for (int i = 0; i < 6; i++) {
            router.upsertAgent(agent("novice-" + i, Set.of(), "us", 5));
        }
        for (int i = 0; i < 4; i++) {
            router.upsertAgent(agent("full-" + i, Set.of("billing"), "eu", 0));
        }

        Assignment a = router.submit(ticket("billing", "eu", Priority.P2)).getFirst();

        assertThat(a.agentId()).isEqualTo("expert");
        assertThat(a.candidates()).hasSize(Router.EXPLAINED);
        assertThat(a.candidates().getFirst().agentId()).as("the chosen one first").isEqualTo("expert");
        assertThat(a.candidates().getFirst().passedOver()).isEmpty();
        assertThat(a.candidates()).extracting(Assignment.Candidate::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(a.considered()).isEqualTo(11);
        assertThat(a.others().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(11 - Router.EXPLAINED);
        assertThat(a.others().keySet()).allSatisfy(reason -> assertThat(reason).isIn("lower score", "at capacity"));
    }

    @Test
    void capacityIsAHardLimitWhateverTheScore() {
        router.upsertAgent(agent("expert", Set.of("billing"), "eu", 1));
        router.upsertAgent(agent("novice", Set.of(), "us", 3));

        List<Assignment> first = router.submit(ticket("billing", "eu", Priority.P2));
        List<Assignment> second = router.submit(ticket("billing", "eu", Priority.P2));

        assertThat(agentsOf(first)).containsExactly("expert");
        assertThat(agentsOf(second)).containsExactly("novice");
        assertThat(second.getFirst().candidates()).anySatisfy(c -> {
            assertThat(c.agentId()).isEqualTo("expert");
            assertThat(c.passedOver()).isEqualTo("at capacity 1/1");
        });
    }

    @Test
    void equalAgentsShareTheWorkWhoeverSignedInFirst() {
        router.upsertAgent(agent("first-in", Set.of("bug"), "eu", 10));
        router.upsertAgent(agent("second-in", Set.of("bug"), "eu", 10));

        List<String> who = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            who.addAll(agentsOf(router.submit(ticket("bug", "eu", Priority.P3))));
        }

        assertThat(who).containsExactly("first-in", "second-in", "first-in", "second-in", "first-in", "second-in");
    }

    @Test
    void aWaitingTicketGoesOutWhenAnAgentFreesUpComesOnlineOrTurnsAvailable() {
        AgentState solo = agent("solo", Set.of("bug"), "eu", 1);
        router.upsertAgent(solo);
        WaitingTicket first = ticket("bug", "eu", Priority.P3);
        WaitingTicket second = ticket("bug", "eu", Priority.P3);
        router.submit(first);
        assertThat(router.submit(second)).isEmpty();
        assertThat(router.isWaiting(second.id())).isTrue();

        assertThat(agentsOf(router.release(first.id()))).containsExactly("solo");

        WaitingTicket third = ticket("bug", "eu", Priority.P3);
        router.upsertAgent(solo.withPresence(Presence.AWAY));
        router.release(second.id());
        assertThat(router.submit(third)).isEmpty();
        assertThat(agentsOf(router.upsertAgent(solo.withPresence(Presence.ONLINE)))).containsExactly("solo");

        router.release(third.id());
        router.upsertAgent(solo.withAvailable(false));
        WaitingTicket fourth = ticket("bug", "eu", Priority.P3);
        assertThat(router.submit(fourth)).isEmpty();
        assertThat(agentsOf(router.upsertAgent(solo.withAvailable(true)))).containsExactly("solo");
    }

    @Test
    void theMostUrgentWaitingTicketGoesFirstAndOlderBeforeNewer() {
        WaitingTicket olderP3 = ticket("bug", "eu", Priority.P3);
        WaitingTicket p1 = ticket("bug", "eu", Priority.P1);
        WaitingTicket newerP3 = ticket("bug", "eu", Priority.P3);
        router.submit(olderP3);
        router.submit(p1);
        router.submit(newerP3);

        assertThat(router.queue("support")).extracting(WaitingTicket::id).containsExactly(p1.id(), olderP3.id(), newerP3.id());
        List<Assignment> out = router.upsertAgent(agent("late", Set.of("bug"), "eu", 2));

        assertThat(out).extracting(a -> a.ticket().id()).containsExactly(p1.id(), olderP3.id());
        assertThat(router.queue("support")).extracting(WaitingTicket::id).containsExactly(newerP3.id());
    }

    @Test
    void anUnacknowledgedOfferThatTimesOutGoesToSomeoneElse() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 1));
        router.upsertAgent(agent("b", Set.of(), "us", 1));
        WaitingTicket t = ticket("bug", "eu", Priority.P2);
        List<Assignment> first = router.submit(t);
        assertThat(agentsOf(first)).containsExactly("a");
        assertThat(first.getFirst().ticket().offeredBefore()).as("a first offer").isFalse();

        List<Assignment> again = router.offerTimedOut(t.id(), "a");

        assertThat(agentsOf(again)).containsExactly("b");
        assertThat(again.getFirst().ticket().offeredBefore()).as("a re-offer").isTrue();
        assertThat(again.getFirst().candidates()).anySatisfy(c ->
                assertThat(c.passedOver()).isEqualTo("let this ticket's offer run out"));
        assertThat(router.heldBy("a")).isEmpty();
    }

    @Test
    void anOfferThatRunsOutWaitsForAnotherAgentWhileThereIsOneAndComesBackWhenNobodyElseCouldTakeIt() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 1));
        WaitingTicket busy = ticket("bug", "eu", Priority.P1);
        router.submit(busy);
        router.acknowledge(busy.id(), "a");
        router.upsertAgent(agent("b", Set.of("bug"), "eu", 1));
        WaitingTicket t = ticket("bug", "eu", Priority.P2);
        assertThat(agentsOf(router.submit(t))).containsExactly("b");
        router.release(busy.id());

        assertThat(agentsOf(router.offerTimedOut(t.id(), "b"))).as("a has room, b let it run out").containsExactly("a");
        assertThat(agentsOf(router.offerTimedOut(t.id(), "a")))
                .as("both let it run out: the one of them assigned least recently has it again, rather than nobody")
                .containsExactly("b");

        router.upsertAgent(agent("c", Set.of("bug"), "us", 1));
        WaitingTicket newer = ticket("bug", "us", Priority.P2);
        assertThat(agentsOf(router.submit(newer))).containsExactly("c");
        assertThat(router.offerTimedOut(t.id(), "b")).as("c has not had it, but is full: it waits for c").isEmpty();
        assertThat(router.queue("support")).extracting(WaitingTicket::id).containsExactly(t.id());

        assertThat(router.disconnected("c")).as("c gone, nobody else could take it: back to a and b, the older first")
                .extracting(x -> x.ticket().id() + ":" + x.agentId())
                .containsExactly(t.id() + ":a", newer.id() + ":b");
    }

    @Test
    void whenTheLastAgentWhoCouldTakeAMissedTicketLeavesItGoesBackToThoseWhoMissedIt() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 1));
        router.upsertAgent(agent("b", Set.of("bug"), "eu", 1));
        router.upsertAgent(agent("c", Set.of("bug"), "eu", 1));
        WaitingTicket held = ticket("bug", "eu", Priority.P1);
        String holder = agentsOf(router.submit(held)).getFirst();
        router.acknowledge(held.id(), holder);
        WaitingTicket t = ticket("bug", "eu", Priority.P2);
        String first = agentsOf(router.submit(t)).getFirst();
        String second = agentsOf(router.offerTimedOut(t.id(), first)).getFirst();
        assertThat(router.offerTimedOut(t.id(), second)).as("the holder of an acknowledged ticket could take it later").isEmpty();

        assertThat(agentsOf(router.disconnected(holder))).as("nobody else could take it now: back to one who missed it")
                .singleElement().isIn(first, second);
        assertThat(router.queue("support")).isEmpty();
    }

    @Test
    void aSoleAgentWhoLetsAnOfferRunOutIsOfferedItAgainBeforeNewerTickets() {
        router.upsertAgent(agent("solo", Set.of("bug"), "eu", 1));
        router.upsertAgent(new AgentState("away", "support", Set.of("bug"), "eu", 5, Presence.OFFLINE, true));
        router.upsertAgent(new AgentState("paused", "support", Set.of("bug"), "eu", 5, Presence.ONLINE, false));
        WaitingTicket older = ticket("bug", "eu", Priority.P2);
        router.submit(older);
        router.submit(ticket("bug", "eu", Priority.P2));

        List<Assignment> again = router.offerTimedOut(older.id(), "solo");

        assertThat(again).extracting(a -> a.ticket().id()).as("the older ticket, not the newer one").containsExactly(older.id());
        assertThat(agentsOf(again)).containsExactly("solo");
        assertThat(again.getFirst().ticket().offeredBefore()).isTrue();
    }

    @Test
    void anAcknowledgedTicketStaysThroughATimeoutAndADisconnect() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 2));
        WaitingTicket acked = ticket("bug", "eu", Priority.P2);
        WaitingTicket unacked = ticket("bug", "eu", Priority.P2);
        router.submit(acked);
        router.submit(unacked);
        assertThat(router.acknowledge(acked.id(), "a")).isTrue();
        assertThat(router.acknowledge(acked.id(), "someone-else")).isFalse();

        assertThat(router.offerTimedOut(acked.id(), "a")).isEmpty();
        router.upsertAgent(agent("b", Set.of(), "eu", 5));
        List<Assignment> afterDrop = router.disconnected("a");

        assertThat(router.heldBy("a")).containsExactly(acked.id());
        assertThat(afterDrop).extracting(x -> x.ticket().id()).containsExactly(unacked.id());
        assertThat(router.holderOf(unacked.id())).contains("b");
    }

    @Test
    void aRemovedAgentsTicketsAllGoBackToTheQueue() {
        router.upsertAgent(agent("leaving", Set.of("bug"), "eu", 3));
        WaitingTicket t = ticket("bug", "eu", Priority.P2);
        router.submit(t);
        router.acknowledge(t.id(), "leaving");

        assertThat(router.removeAgent("leaving")).isEmpty();

        assertThat(router.isWaiting(t.id())).isTrue();
        assertThat(router.depths()).containsEntry("support", 1);
    }

    @Test
    void aHandedBackTicketGoesToSomeoneElseNotBackToTheSameAgent() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 1));
        WaitingTicket t = ticket("bug", "eu", Priority.P2);
        router.submit(t);

        assertThat(router.handBack(t.id())).as("a has room again but handed it back").isEmpty();
        assertThat(agentsOf(router.upsertAgent(agent("b", Set.of(), "us", 1)))).containsExactly("b");
    }

    @Test
    void handingBackFreesTheAgentAndQueuesTheTicketAgain() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 1));
        WaitingTicket t = ticket("bug", "eu", Priority.P2);
        WaitingTicket next = ticket("bug", "eu", Priority.P1);
        router.submit(t);
        router.submit(next);

        List<Assignment> out = router.handBack(t.id());

        assertThat(out).extracting(x -> x.ticket().id()).containsExactly(next.id());
        assertThat(router.isWaiting(t.id())).isTrue();
    }

    @Test
    void submittingATicketTwiceChangesNothing() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 5));
        WaitingTicket t = ticket("bug", "eu", Priority.P2);

        assertThat(router.submit(t)).hasSize(1);
        assertThat(router.submit(t)).isEmpty();
        assertThat(router.heldBy("a")).containsExactly(t.id());
    }

    @Test
    void ticketsOfOneTeamNeverGoToAnother() {
        router.upsertAgent(new AgentState("other", "billing", Set.of("bug"), "eu", 5, Presence.ONLINE, true));

        assertThat(router.submit(ticket("bug", "eu", Priority.P1))).isEmpty();
        TicketId none = Tickets.newId();
        assertThat(router.holderOf(none)).isEmpty();
    }
    @Test
    void aRequeuedTicketLeavesItsHolderForItsNewTeamsQueue() {
        router.upsertAgent(agent("ann", Set.of("bug"), "eu", 1));
        router.upsertAgent(new AgentState("bea", "billing", Set.of("billing"), "eu", 1, Presence.ONLINE, true));
        WaitingTicket bug = ticket("bug", "eu", Priority.P2);
        WaitingTicket next = ticket("bug", "eu", Priority.P3);
        assertThat(agentsOf(router.submit(bug))).containsExactly("ann");
        router.submit(next); // waits: ann is full

        WaitingTicket moved = new WaitingTicket(bug.id(), "billing", "billing", "eu", Priority.P2, bug.slaDue(), bug.receivedAt());
        List<Assignment> offers = router.requeue(moved);

        assertThat(offers).extracting(a -> a.ticket().id() + ">" + a.agentId())
                .containsExactlyInAnyOrder(bug.id() + ">bea", next.id() + ">ann");
        assertThat(offers).as("ann held the requeued one; the other waited and is offered the first time")
                .extracting(a -> a.ticket().id() + ":" + a.ticket().offeredBefore())
                .containsExactlyInAnyOrder(bug.id() + ":true", next.id() + ":false");
    }

    @Test
    void aTicketIsOfferedTheFirstTimeOnlyOnceWhicheverWayItComesBack() {
        router.upsertAgent(agent("a", Set.of("bug"), "eu", 1));
        WaitingTicket handedBack = ticket("bug", "eu", Priority.P2);
        WaitingTicket dropped = ticket("bug", "eu", Priority.P3);
        WaitingTicket edited = ticket("bug", "eu", Priority.P3);
        router.submit(handedBack);
        router.submit(dropped); // waits: a is full
        router.requeue(new WaitingTicket(edited.id(), "support", "bug", "eu", Priority.P3, edited.slaDue(), edited.receivedAt()));

        assertThat(router.handBack(handedBack.id())).extracting(a -> a.ticket().id() + ":" + a.ticket().offeredBefore())
                .containsExactly(dropped.id() + ":false");
        assertThat(router.disconnected("a")).isEmpty();

        assertThat(router.upsertAgent(agent("b", Set.of("bug"), "eu", 3)))
                .as("only the ticket no agent had before goes out as a first offer")
                .extracting(a -> a.ticket().id() + ":" + a.ticket().offeredBefore())
                .containsExactlyInAnyOrder(handedBack.id() + ":true", dropped.id() + ":true", edited.id() + ":false");
        assertThat(router.queue("support")).isEmpty();
    }

    @Test
    void aTicketAPersonGivesToAnAgentIsTheirsEvenBeyondCapacity() {
        router.upsertAgent(agent("ann", Set.of("bug"), "eu", 1));
        router.upsertAgent(agent("bob", Set.of("bug"), "eu", 1));
        WaitingTicket first = ticket("bug", "eu", Priority.P2);
        WaitingTicket second = ticket("bug", "eu", Priority.P2);
        WaitingTicket third = ticket("bug", "eu", Priority.P2);
        router.submit(first);
        router.submit(second);
        router.submit(third); // waits: both are full
        String firstHolder = router.holderOf(first.id()).orElseThrow();
        String other = firstHolder.equals("ann") ? "bob" : "ann";

        List<Assignment> freed = router.assign(first, other);

        assertThat(router.holderOf(first.id())).contains(other);
        assertThat(router.isAcknowledged(first.id())).isTrue();
        assertThat(router.heldBy(other)).hasSize(2);
        assertThat(agentsOf(freed)).as("the room it left goes to the waiting ticket").containsExactly(firstHolder);
        assertThat(router.holderOf(third.id())).contains(firstHolder);
    }

    @Test
    void releasingAWaitingTicketTakesItOutOfItsQueue() {
        WaitingTicket waiting = ticket("bug", "eu", Priority.P2);
        router.submit(waiting);
        assertThat(router.isWaiting(waiting.id())).isTrue();

        assertThat(router.release(waiting.id())).isEmpty();

        assertThat(router.isWaiting(waiting.id())).isFalse();
        assertThat(router.queue("support")).isEmpty();
    }
    @Test
    void newWeightsDecideTheNextTicket() {
        router.upsertAgent(agent("skilled", Set.of("bug"), "us", 5));
        router.upsertAgent(agent("nearby", Set.of(), "eu", 5));
        assertThat(agentsOf(router.submit(ticket("bug", "eu", Priority.P2)))).containsExactly("skilled");

        router.reweigh(new RoutingWeights(0.1, 0.8, 0.1));

        assertThat(agentsOf(router.submit(ticket("bug", "eu", Priority.P2)))).containsExactly("nearby");
    }

    @Test
    void aTeamDroppedForAnotherNodeLeavesNothingBehindAndMakesNoOffer() {
        router.upsertAgent(agent("ada", Set.of("billing"), "eu", 1));
        router.upsertAgent(new AgentState("ops-1", "operations", Set.of("outage"), "eu", 2, Presence.ONLINE, true));
        WaitingTicket held = ticket("billing", "eu", Priority.P2);
        WaitingTicket queued = ticket("billing", "eu", Priority.P3);
        assertThat(router.submit(held)).hasSize(1);
        assertThat(router.submit(queued)).as("ada is full").isEmpty();
        WaitingTicket other = new WaitingTicket(Tickets.newId(), "operations", "outage", "eu", Priority.P1, T0, T0);
        assertThat(router.submit(other)).hasSize(1);
        assertThat(router.teams()).containsExactlyInAnyOrder("support", "operations");

        router.dropTeam("support");

        assertThat(router.teams()).containsExactly("operations");
        assertThat(router.agent("ada")).isEmpty();
        assertThat(router.holderOf(held.id())).isEmpty();
        assertThat(router.isWaiting(queued.id())).isFalse();
        assertThat(router.holderOf(other.id())).as("another team's ticket stays with its agent").contains("ops-1");
        // Taken up again (by a later owner): as new.
        assertThat(router.submit(queued)).isEmpty();
        assertThat(router.isWaiting(queued.id())).isTrue();
    }
}
