package dev.switchboard.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.ticket.TicketId;

/**
 * The offers routing waits on an acknowledgement for, and what their running out means: the ticket is
 * taken back from its agent and routed again, and the agent is told ({@code withdrawn}); an agent who lets
 * several run out in a row is taken to be away and turned unavailable. One timer, set for the oldest
 * offer's deadline ({@link AckDeadlines}), serves them all. Routing thread only.
 */
final class UnansweredOffers {

    private static final Logger log = LoggerFactory.getLogger(UnansweredOffers.class);

    private final AckDeadlines deadlines;
    private final MissedOffers missed;
    private final Duration ackTimeout;
    /** The router of the current run of the stage (a new one at each start). */
    private final Supplier<Router> router;
    private final LivePush push;
    /** Where an agent taken to be away is turned unavailable, as their own switch would. */
    private final AgentRoster roster;
    /** Runs an input on the routing thread after a delay, as a step of its own. */
    private final BiConsumer<Duration, Consumer<RoutingStep>> later;
    /** Whether the timer for the oldest offer's deadline is set. */
    private boolean timerSet;

    UnansweredOffers(RoutingProperties properties, Supplier<Router> router, LivePush push, AgentRoster roster,
                     BiConsumer<Duration, Consumer<RoutingStep>> later) {
        this.deadlines = new AckDeadlines(properties.ackTimeout(), System::nanoTime);
        this.missed = new MissedOffers(properties.awayAfterMissedOffers());
        this.ackTimeout = properties.ackTimeout();
        this.router = router;
        this.push = push;
        this.roster = roster;
        this.later = later;
    }

    /** These offers are about to be stored and pushed: each runs out one ack timeout from now. */
    void offered(List<Assignment> offers) {
        offers.forEach(offer -> deadlines.offered(offer.ticket().id(), offer.agentId()));
        setTimer();
    }

    /** The agent acknowledged their offer of the ticket: it no longer runs out, and they are there. */
    void acknowledged(TicketId ticketId, String agentId) {
        deadlines.acknowledged(ticketId);
        missed.acknowledged(agentId);
    }

    /** Forgets every offer and count: at a start, whose recovery offers again what was not acknowledged. */
    void clear() {
        deadlines.clear();
        missed.clear();
        timerSet = false; // the timer died with the thread before
    }

    /** Sets the timer for the oldest unacknowledged offer's deadline, unless it is set or none waits. */
    private void setTimer() {
        if (timerSet) {
            return;
        }
        deadlines.nanosToNext().ifPresent(nanos -> {
            timerSet = true;
            later.accept(Duration.ofMillis((nanos + 999_999) / 1_000_000), this::takeBack);
        });
    }

    /** The offers whose time ran out: those still held by their agent unacknowledged are taken back and routed again. */
    private void takeBack(RoutingStep step) {
        timerSet = false;
        Router current = router.get();
        for (AckDeadlines.Pending due : deadlines.due()) {
            TicketId id = due.ticketId();
            String agentId = due.agentId();
            if (!current.isAcknowledged(id) && current.holderOf(id).filter(agentId::equals).isPresent()) {
                Optional<AgentState> agent = current.agent(agentId).filter(AgentState::available);
                boolean away = missed.missedOneMore(agentId, agent.isPresent());
                if (away) { // before the ticket goes out again: not back to them
                    step.offer(current.upsertAgent(agent.get().withAvailable(false)));
                }
                List<Assignment> next = current.offerTimedOut(id, agentId);
                String why = "no acknowledgement within " + ackTimeout;
                step.change(new Assignments.Withdrawn(id, agentId, why, step.at()));
                step.offer(next);
                push.withdrawn(agentId, id, why);
                if (away) {
                    turnUnavailable(agentId);
                }
            }
        }
        setTimer();
    }

    /**
     * An agent who let several offers in a row run out is away (a dashboard left open keeps them online):
     * their availability is turned off as their own switch would, stored (so that it holds across restarts
     * and nodes, and they see it), and they are told. Without this, every ticket that only they could take
     * would come back to them each time its offer ran out, for as long as they were gone.
     */
    private void turnUnavailable(String agentId) {
        String why = missed.reason();
        try {
            roster.setAvailable(agentId, false);
        } catch (RuntimeException notStored) { // routing holds them unavailable until their next change is read
            log.warn("could not store agent {} as unavailable ({}): {}", agentId, why, notStored.toString());
        }
        log.info("agent {} is taken to be away and turned unavailable: {}", agentId, why);
        push.unavailable(agentId, why);
    }
}
