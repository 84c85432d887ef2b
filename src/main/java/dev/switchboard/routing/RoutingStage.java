package dev.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.switchboard.backbone.AgentSignal;
import dev.switchboard.backbone.Backbone;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketChanged;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.Tickets;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Routing as the pipeline runs it on one node: the {@link Router} on a thread of its own, fed by
 * queued tickets, agents connecting and disconnecting, acknowledgements, resolutions and ack timeouts.
 *
 * <p>Inputs wait in an inbox; the routing thread takes everything that has arrived as one step: it
 * applies each input to the router in order. A step that made offers stores all its changes in one
 * transaction ({@link Assignments#record}) and only then pushes the offers. A step without offers
 * (acknowledgements, resolutions, withdrawals) does not commit on its own: its changes go with the
 * next offer's commit, or after {@code write-delay} (50 ms) at the latest, so that under load a
 * commit carries hundreds of changes and a stream of acks is not a stream of commits. Every offer is
 * stored before it is pushed, and its ack timeout is set before it is stored: should storing fail,
 * the offer runs out like an unanswered one and is routed again.
 * What waits to be stored, and when, is {@link RoutingCommits}'s; the offers waiting for their
 * acknowledgement, and what their running out means, {@link UnansweredOffers}'s; the thread, its inbox and its steps
 * are {@link RoutingThread}'s; following a person's change to a ticket is {@link PersonChanges}'s, and
 * taking up the store's unfinished tickets {@link Recovery}'s, and what operators see of it {@link RoutingMeters}'s.
 *
 * <p>At start it takes up every unfinished ticket from the store: waiting and offered ones are routed
 * again (an offer nobody acknowledged before a crash is not trusted), acknowledged ones stay with
 * their agent and count against their capacity.
 */
public final class RoutingStage implements SmartLifecycle, Backbone.RoutingInput {

    private static final Logger log = LoggerFactory.getLogger(RoutingStage.class);

    /** Made at every start: a stopped stage (a paused test context too) starts again from the store. */
    private Router router;
    private final Assignments assignments;
    private final Agents agents;
    private final Tickets tickets;
    private final LivePush push;
    private final RoutingProperties properties;
    private final Clock clock;
    /** The thread routing runs on, its inbox and its steps. */
    private final RoutingThread<Step> thread;
    /** Tickets handed to {@link #queued} that no step has taken up yet: over the limit, intake waits. */
    private final AtomicInteger backlog = new AtomicInteger();
    /** The tickets offered or waiting, as pushed to agents; an acknowledged one is let go. Routing thread only. */
    private final Map<TicketId, Ticket> unacknowledged = new HashMap<>();
    /** The offers not acknowledged yet, and what their running out means. Routing thread only. */
    private final UnansweredOffers unanswered;
    private final Backbone backbone;
    /** The nodes each agent is connected on (their signals say): online while there is one. Routing thread only. */
    private final AgentConnections connections = new AgentConnections();
    /** The teams this node routes: all of them on one node; those of its partitions on the Kafka backbone. Routing thread only. */
    private java.util.function.Predicate<String> owns = team -> true;
    /** Time to assign, offers by kind, queue depths and the backlog, for /actuator/prometheus. */
    private final RoutingMeters meters;
    /** Routing's changes not stored yet, and storing them. Routing thread only. */
    private final RoutingCommits commits;
    /** Following people's changes to tickets. Routing thread only. */
    private final PersonChanges personChanges;
    /** Taking up the store's unfinished tickets and agents. Routing thread only. */
    private final Recovery recovery;

    private final WeightSettings weightSettings;
    /** How often a node takes up weights another node stored. */
    private static final Duration WEIGHTS_REFRESH = Duration.ofSeconds(10);

    public RoutingStage(Assignments assignments, Agents agents, Tickets tickets, LivePush push, RoutingProperties properties,
                        Clock clock, MeterRegistry meters, WeightSettings weightSettings, Backbone backbone, AgentRoster roster) {
        this.backbone = backbone;
        this.weightSettings = weightSettings;
        this.assignments = assignments;
        this.agents = agents;
        this.tickets = tickets;
        this.push = push;
        this.properties = properties;
        this.clock = clock;
        this.commits = new RoutingCommits(assignments, properties.writeDelay(), meters);
        this.personChanges = new PersonChanges(unacknowledged, agents, push, properties);
        this.recovery = new Recovery(unacknowledged, agents, push, properties);
        this.meters = new RoutingMeters(meters, backlog);
        this.thread = new RoutingThread<>(() -> new Step(clock.instant()), step -> {
            step.complete();
            this.meters.depths(router.depths());
        });
        this.unanswered = new UnansweredOffers(properties, () -> router, push, roster,
                (delay, input) -> thread.later(delay, input::accept));
    }

    /**
     * Queues an input whose effects a backbone waits to see stored: the future completes at the commit
     * that stores them (or at once when it made none), exceptionally when the input failed or when routing
     * stopped before.
     */
    private CompletableFuture<Void> submitStored(Consumer<Step> input) {
        return thread.stored((step, stored) -> {
            input.accept(step);
            commits.awaiting(stored);
        });
    }

    /** One step: its changes join those waiting to be stored; its offers are pushed once stored. */
    private final class Step implements RoutingStep {
        private final Instant at;
        private final List<Assignment> offers = new ArrayList<>();
        /** A caller waits on what this step and those before it changed: stored at its end, offers or not. */
        private boolean waitedOn;

        Step(Instant at) {
            this.at = at;
        }

        @Override
        public Instant at() {
            return at;
        }

        @Override
        public void offer(List<Assignment> made) {
            for (Assignment assignment : made) {
                commits.add(new Assignments.Offered(assignment, at));
                offers.add(assignment);
            }
        }

        @Override
        public void change(Assignments.Change change) {
            commits.add(change);
        }

        void complete() {
            if (offers.isEmpty() && !waitedOn) {
                commits.storeLater(); // nobody waits on acks, resolutions, withdrawals: with the next offer's commit
                return;
            }
            storeNow();
        }

        /** Stores every change waiting, this step's and earlier ones, and pushes the offers among them. */
        void storeNow() {
            unanswered.offered(offers);
            List<Assignment> made = List.copyOf(offers);
            offers.clear();
            if (!commits.storeNow()) {
                return; // its offers are not pushed: they run out and are routed again
            }
            Instant now = clock.instant();
            for (Assignment assignment : made) {
                meters.offered(assignment.ticket(), now);
                Optional<Ticket> ticket = Optional.ofNullable(unacknowledged.get(assignment.ticket().id()))
                        .or(() -> tickets.find(assignment.ticket().id()));
                ticket.ifPresent(t -> push.offer(assignment, t));
            }
        }
    }

    /**
     * Tickets intake has stored: to their queues, and to agents with room. One the store no longer has
     * waiting (a message delivered again after its ticket was offered, or even resolved) changes nothing.
     */
    @Override
    public CompletableFuture<Void> queued(List<Ticket> tickets) {
        List<Ticket> arrived = tickets.stream().filter(t -> t.status().isOpen() && !t.status().isHeld()).toList();
        List<WaitingTicket> waiting = arrived.stream().map(properties::waiting).toList();
        if (!thread.running()) {
            return RoutingThread.stopped();
        }
        backlog.addAndGet(arrived.size()); // set back to none at a start, which clears the inbox
        return submitStored(step -> {
            backlog.addAndGet(-arrived.size());
            for (int i = 0; i < arrived.size(); i++) {
                if (owns.test(waiting.get(i).team())) { // another node's team: a message from before a rebalance
                    unacknowledged.put(arrived.get(i).id(), arrived.get(i));
                    step.offer(router.submit(waiting.get(i)));
                }
            }
        });
    }

    @Override
    public int backlogLimit() {
        return properties.backlogLimit();
    }

    @Override
    public int backlog() {
        return backlog.get();
    }

    /**
     * A consumer waits on the inputs it handed over before its next poll: the step they are applied in
     * (or a later one) stores them at its end. Holding them back for the write delay would only hold
     * the consumer, and every message behind them in its partitions, for that long.
     */
    @Override
    public void storeWhatWaits() {
        if (thread.running()) {
            thread.submit(step -> step.waitedOn = true);
        }
    }

    /** What an agent did, or what changed about them. */
    @Override
    public CompletableFuture<Void> signal(AgentSignal signal) {
        String agentId = signal.agentId();
        return switch (signal.kind()) {
            case CONNECTED -> connected(agentId, signal.node());
            case DISCONNECTED -> disconnected(agentId, signal.node());
            case ACKNOWLEDGED -> acknowledged(signal.ticket().orElseThrow(), agentId);
            case RESOLVED -> resolved(signal.ticket().orElseThrow(), agentId);
            case HANDED_BACK -> handedBack(signal.ticket().orElseThrow(), agentId);
            case CHANGED -> changed(agentId);
            case REMOVED -> removed(agentId);
        };
    }

    /** An agent's connection opened: they are online. */
    private CompletableFuture<Void> connected(String agentId, String node) {
        return submitStored(step -> agents.find(agentId).filter(agent -> owns.test(agent.team())).ifPresent(agent -> {
            connections.opened(agentId, node);
            step.offer(router.upsertAgent(agent.routingState(Presence.ONLINE)));
        }));
    }

    /**
     * The agent's last connection on a node closed: while they are connected on another node they stay
     * online; when it was their last anywhere, their unacknowledged tickets go to others.
     */
    private CompletableFuture<Void> disconnected(String agentId, String node) {
        return submitStored(step -> {
            if (connections.closed(agentId, node)) {
                withdrawUnacknowledged(step, agentId, "agent disconnected", () -> router.disconnected(agentId));
            }
        });
    }

    /** The agent's profile changed (capacity, skills, team, availability): in force at once, as stored. */
    private CompletableFuture<Void> changed(String agentId) {
        return submitStored(step -> {
            Optional<Agent> agent = agents.find(agentId);
            if (agent.isPresent() && owns.test(agent.get().team())) {
                Presence presence = router.agent(agentId).map(AgentState::presence).orElse(Presence.OFFLINE);
                step.offer(router.upsertAgent(agent.get().routingState(presence)));
            } else if (router.agent(agentId).isPresent()) { // moved to a team another node routes
                withdrawUnacknowledged(step, agentId, "agent moved to another team", () -> router.removeAgent(agentId));
            }
        });
    }

    /**
     * The teams this node routes changed: what is owed for the teams given up is stored, and they leave
     * the router; the teams gained are taken up from the store, as at a start.
     */
    @Override
    public CompletableFuture<Void> reassigned(java.util.function.Predicate<String> owned) {
        return thread.answer(step -> {
            owns = owned;
            List<String> givenUp = router.teams().stream().filter(team -> !owned.test(team)).toList();
            step.storeNow(); // acks and resolutions of those teams reach the store before their new owner reads it
            givenUp.forEach(router::dropTeam);
            connections.keepOnly(agentId -> router.agent(agentId).isPresent()); // their new owner hears of them again
            recovery.takeUp(router, step, owned, assignments.unfinished());
            log.info("routing gave up {} teams and routes those of its partitions now", givenUp.size());
            return null;
        });
    }

    /**
     * The nodes in the cluster now: an agent connected only on nodes that left is offline, as if each
     * connection had closed; their unacknowledged tickets go to others.
     */
    @Override
    public void nodes(java.util.Set<String> alive) {
        java.util.Set<String> present = java.util.Set.copyOf(alive);
        thread.submit(step -> connections.leftWithout(present).forEach(agentId ->
                withdrawUnacknowledged(step, agentId, "agent's node left the cluster", () -> router.disconnected(agentId))));
    }

    /** The agent was deleted: every ticket they held goes to others. */
    private CompletableFuture<Void> removed(String agentId) {
        return submitStored(step -> withdrawUnacknowledged(step, agentId, "agent removed", () -> router.removeAgent(agentId)));
    }

    /**
     * Lets the router take the agent's offers back ({@code change}), records the unacknowledged ones as
     * withdrawn, then the offers the change made to others.
     */
    private void withdrawUnacknowledged(Step step, String agentId, String why, java.util.function.Supplier<List<Assignment>> change) {
        List<TicketId> taken = router.heldBy(agentId).stream().filter(id -> !router.isAcknowledged(id)).toList();
        List<Assignment> made = change.get();
        taken.forEach(id -> step.change(new Assignments.Withdrawn(id, agentId, why, step.at)));
        step.offer(made);
    }

    /** The agent resolved a ticket they hold: their room goes to the next waiting ticket at once. */
    private CompletableFuture<Void> resolved(TicketId ticketId, String agentId) {
        return submitStored(step -> {
            if (router.holderOf(ticketId).filter(agentId::equals).isPresent()) {
                unacknowledged.remove(ticketId);
                step.change(new Assignments.Finished(ticketId, agentId, true, step.at));
                step.offer(router.release(ticketId));
            }
        });
    }

    /** The agent handed a ticket back: it waits in its queue again, and the agent's room is free. */
    private CompletableFuture<Void> handedBack(TicketId ticketId, String agentId) {
        return submitStored(step -> {
            if (router.holderOf(ticketId).filter(agentId::equals).isPresent()) {
                step.change(new Assignments.Finished(ticketId, agentId, false, step.at));
                step.offer(router.handBack(ticketId));
            }
        });
    }

    /** The agent acknowledged an offer: the ticket is theirs. */
    private CompletableFuture<Void> acknowledged(TicketId ticketId, String agentId) {
        return submitStored(step -> acknowledge(step, ticketId, agentId));
    }

    /** The router gives the ticket to the agent for good, if it was their offer; true when it did. */
    private boolean acknowledge(Step step, TicketId ticketId, String agentId) {
        if (!router.acknowledge(ticketId, agentId)) {
            return false;
        }
        unacknowledged.remove(ticketId);
        unanswered.acknowledged(ticketId, agentId);
        step.change(new Assignments.Acknowledged(ticketId, agentId, step.at));
        return true;
    }

    /**
     * Runs a person's change to a ticket on the routing thread, so that it neither races routing's own
     * writes nor leaves the router behind. Routing's pending changes to this ticket are stored first, so
     * that the stored version is current (the others wait for their commit as usual); then {@code change} reads, checks and stores the ticket (it may throw,
     * or find nothing to do); then routing follows it: a ticket resolved or closed frees its agent, one
     * put back in a queue (perhaps another team's) waits there, one given to an agent is theirs. An agent
     * who loses a ticket they held hears of it ({@code withdrawn}); one given a ticket gets it pushed.
     */
    public CompletableFuture<Optional<TicketChanged>> change(TicketId ticketId, Supplier<Optional<TicketChanged>> change) {
        // A change whose caller gave up waiting (and was told so) by the time its turn comes is not made.
        return thread.answerUnlessAbandoned(step -> {
            if (commits.touches(ticketId)) {
                step.storeNow(); // the stored ticket must be current before its version is checked
            }
            Optional<TicketChanged> changed = change.get();
            changed.ifPresent(c -> {
                personChanges.follow(router, step, owns, c.after(), c.by());
                // The ticket's teams, before and after, that another node routes: their routing follows it too.
                java.util.Set<String> elsewhere = new java.util.HashSet<>(List.of(c.before().team(), c.after().team()));
                elsewhere.removeIf(owns);
                if (!elsewhere.isEmpty()) {
                    backbone.changed(ticketId, elsewhere, c.by());
                }
            });
            return changed;
        });
    }

    /** A person on another node changed a ticket of a team this node routes: follow it as stored. */
    @Override
    public CompletableFuture<Void> changed(TicketId ticketId, dev.switchboard.ticket.Actor by) {
        return submitStored(step -> tickets.find(ticketId).ifPresent(ticket -> personChanges.follow(router, step, owns, ticket, by)));
    }

    /**
     * The agent acknowledges an offer, stored before the future completes: for a screen that opens the
     * ticket right after (an ack otherwise waits for the next commit, up to {@code write-delay}).
     */
    public CompletableFuture<Boolean> acknowledgeNow(TicketId ticketId, String agentId) {
        return thread.answer(step -> {
            boolean taken = acknowledge(step, ticketId, agentId);
            step.storeNow();
            return taken;
        });
    }

    /** Queues and agents as the routing thread sees them, taken between two steps. */
    public CompletableFuture<RoutingOverview> overview() {
        return thread.answer(step -> router.overview());
    }

    /** How many tickets wait in the team's queue, as of the last routing step. */
    public int waitingIn(String team) {
        return meters.waitingIn(team);
    }

    @Override
    public void start() {
        router = new Router(currentWeights());
        unacknowledged.clear();
        unanswered.clear(); // recovery offers again what was not acknowledged
        connections.clear();
        backlog.set(0); // the inbox starts empty: what came while stopped is in the store, which the start recovers from
        thread.start(commits::start);
        owns = backbone.routesEveryTeam() ? team -> true : team -> false; // on Kafka: the teams come with the partitions
        backbone.routeTo(this);
        thread.submit(step -> recovery.takeUp(router, step, owns, assignments.unfinished()));
        // The sweep looks for waiting tickets only: held ones of its teams are the router's since it took them up.
        backbone.sweepInterval().ifPresent(every -> thread.every(every, step -> recovery.takeUp(router, step, owns, assignments.waiting())));
        thread.every(WEIGHTS_REFRESH, step -> router.reweigh(currentWeights()));
    }

    /** The weights an admin set last, else the configuration's; the configuration's when the store cannot say. */
    private RoutingWeights currentWeights() {
        try {
            return weightSettings.latest().orElse(properties.weights());
        } catch (RuntimeException unavailable) {
            log.warn("could not read the routing weights; keeping those in force: {}", unavailable.toString());
            return router == null ? properties.weights() : router.weights();
        }
    }

    /** An admin set new weights: stored, and in force for the next decision on this node (on others within 10 s). */
    public CompletableFuture<RoutingWeights> reweigh(RoutingWeights weights, String by) {
        weightSettings.save(weights, by, clock.instant());
        return thread.answer(step -> {
            router.reweigh(weights);
            return weights;
        });
    }

    /** The weights in force on this node. */
    public RoutingWeights weights() {
        Router current = router;
        return current == null ? currentWeights() : current.weights();
    }

    @Override
    public void stop() {
        // The last acks and resolutions are stored before the thread ends; inputs not stored by then are
        // delivered again (to this node's successor on the Kafka backbone).
        thread.stop(commits::flush);
    }

    @Override
    public boolean isRunning() {
        return thread.running();
    }
}
