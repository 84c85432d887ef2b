package dev.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.TicketsQueued;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Routing as the pipeline runs it on one node: the {@link Router} on a thread of its own (every call
 * is serialised there), fed by queued tickets, agents connecting and disconnecting, acknowledgements
 * and ack timeouts. Every decision is stored ({@link Assignments}) before it is pushed to the agent.
 * At start it takes up every unfinished ticket from the store: waiting and offered ones are routed
 * again (an offer nobody acknowledged before a crash is not trusted), acknowledged ones stay with
 * their agent and count against their capacity.
 */
public final class RoutingStage implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutingStage.class);

    /** Made at every start: a stopped stage (a paused test context too) starts again from the store. */
    private Router router;
    private final Assignments assignments;
    private final Agents agents;
    private final LivePush push;
    private final RoutingProperties properties;
    private final Clock clock;
    private volatile ScheduledThreadPoolExecutor thread;
    private final Timer acceptedToPushed;
    private final Timer timeToAssign;
    private final MeterRegistry meters;
    /** Queue depth by team, published after every routing step for /actuator/prometheus. */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> depths = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;

    public RoutingStage(Assignments assignments, Agents agents, LivePush push, RoutingProperties properties, Clock clock,
                        MeterRegistry meters) {
        this.assignments = assignments;
        this.agents = agents;
        this.push = push;
        this.properties = properties;
        this.clock = clock;
        this.acceptedToPushed = Timer.builder("switchboard.routing.accepted.to.pushed")
                .description("From a ticket's acceptance to its offer reaching an agent's connection")
                .publishPercentileHistogram()
                .register(meters);
        this.timeToAssign = Timer.builder("switchboard.routing.time.to.assign")
                .description("From a ticket's acceptance to its offer to an agent (waiting in the queue included)")
                .publishPercentileHistogram()
                .register(meters);
        this.meters = meters;
    }

    private static ScheduledThreadPoolExecutor routingThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("routing").daemon().factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // pending ack timeouts die with the node
        return executor;
    }

    /** Runs on the routing thread; a failure is logged, never lost in a future nobody reads. */
    private void onRoutingThread(Runnable step) {
        thread.execute(() -> {
            try {
                step.run();
                publishDepths();
            } catch (RuntimeException failure) {
                log.error("routing step failed; offers not stored are retried when their ack time runs out", failure);
            }
        });
    }

    @EventListener
    public void on(TicketsQueued queued) {
        List<WaitingTicket> waiting = queued.tickets().stream().map(this::waiting).toList();
        onRoutingThread(() -> {
            List<Assignment> made = new ArrayList<>();
            waiting.forEach(w -> made.addAll(router.submit(w)));
            offer(made);
        });
    }

    /** An agent's connection opened: they are online. */
    public void connected(String agentId) {
        onRoutingThread(() -> agents.find(agentId).ifPresent(agent -> offer(router.upsertAgent(agent.routingState(Presence.ONLINE)))));
    }

    /** The agent's last connection closed: their unacknowledged tickets go to others. */
    public void disconnected(String agentId) {
        onRoutingThread(() -> withdrawUnacknowledged(agentId, "agent disconnected", () -> router.disconnected(agentId)));
    }

    /** An admin changed the agent: capacity, skills, team, availability take effect at once. */
    public void changed(Agent agent) {
        onRoutingThread(() -> {
            Presence presence = router.agent(agent.id()).map(AgentState::presence).orElse(Presence.OFFLINE);
            offer(router.upsertAgent(agent.routingState(presence)));
        });
    }

    /** The agent was deleted: every ticket they held goes to others. */
    public void removed(String agentId) {
        onRoutingThread(() -> withdrawUnacknowledged(agentId, "agent removed", () -> router.removeAgent(agentId)));
    }

    /**
     * Lets the router take the agent's offers back ({@code change}), records the unacknowledged ones as
     * withdrawn, then stores and pushes the offers the change made to others.
     */
    private void withdrawUnacknowledged(String agentId, String why, java.util.function.Supplier<List<Assignment>> change) {
        Set<TicketId> unacknowledged = unacknowledgedOf(agentId);
        List<Assignment> made = change.get();
        assignments.withdrawn(List.copyOf(unacknowledged), agentId, why, clock.instant());
        offer(made);
    }

    /** The agent resolved a ticket they hold: their room goes to the next waiting ticket at once. */
    public void resolved(TicketId ticketId, String agentId) {
        onRoutingThread(() -> {
            if (router.holderOf(ticketId).filter(agentId::equals).isPresent()
                    && assignments.resolved(ticketId, agentId, clock.instant())) {
                offer(router.release(ticketId));
            }
        });
    }

    /** The agent handed a ticket back: it waits in its queue again, and the agent's room is free. */
    public void handedBack(TicketId ticketId, String agentId) {
        onRoutingThread(() -> {
            if (router.holderOf(ticketId).filter(agentId::equals).isPresent()
                    && assignments.handedBack(ticketId, agentId, clock.instant())) {
                offer(router.handBack(ticketId));
            }
        });
    }

    /** The agent acknowledged an offer: the ticket is theirs. */
    public void acknowledged(TicketId ticketId, String agentId) {
        onRoutingThread(() -> {
            if (router.acknowledge(ticketId, agentId)) {
                assignments.acknowledged(ticketId, agentId, clock.instant());
            }
        });
    }

    /**
     * Stores the offers, then pushes them. The ack timeout is set first: should storing fail, the
     * offer runs out like an unanswered one and is routed again.
     */
    private void offer(List<Assignment> made) {
        if (made.isEmpty()) {
            return;
        }
        made.forEach(this::expireUnlessAcknowledged);
        assignments.offered(made.stream().map(a -> new Assignments.Offer(a, clock.instant())).toList());
        made.forEach(a -> timeToAssign.record(Duration.between(a.ticket().receivedAt(), clock.instant())));
        for (Assignment assignment : made) {
            if (push.offer(assignment)) {
                acceptedToPushed.record(Duration.between(assignment.ticket().receivedAt(), clock.instant()));
            }
        }
    }

    private void expireUnlessAcknowledged(Assignment assignment) {
        TicketId id = assignment.ticket().id();
        String agentId = assignment.agentId();
        thread.schedule(() -> onRoutingThread(() -> {
            if (!router.isAcknowledged(id) && router.holderOf(id).filter(agentId::equals).isPresent()) {
                List<Assignment> next = router.offerTimedOut(id, agentId);
                assignments.withdrawn(List.of(id), agentId, "no acknowledgement within " + properties.ackTimeout(),
                        clock.instant());
                offer(next);
            }
        }), properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publishDepths() {
        router.depths().forEach((team, depth) -> depths.computeIfAbsent(team, t -> {
            var gauge = new java.util.concurrent.atomic.AtomicInteger();
            meters.gauge("switchboard.routing.queue.depth", io.micrometer.core.instrument.Tags.of("team", t), gauge);
            return gauge;
        }).set(depth));
    }

    private Set<TicketId> unacknowledgedOf(String agentId) {
        Set<TicketId> out = new HashSet<>();
        router.heldBy(agentId).stream().filter(id -> !router.isAcknowledged(id)).forEach(out::add);
        return out;
    }

    private WaitingTicket waiting(Ticket ticket) {
        var c = ticket.classification().orElseThrow(() -> new IllegalStateException("ticket " + ticket.id() + " is not triaged"));
        return new WaitingTicket(ticket.id(), c.team(), c.category(), ticket.customer().region(), ticket.priority(),
                properties.slaDue(ticket.priority(), ticket.createdAt()), ticket.createdAt());
    }

    /** Takes up every unfinished ticket and every agent (offline until they connect). */
    private void recover() {
        agents.list().forEach(agent -> router.upsertAgent(agent.routingState(Presence.OFFLINE)));
        int waiting = 0;
        int held = 0;
        List<TicketId> retaken = new ArrayList<>();
        for (Assignments.Unfinished unfinished : assignments.unfinished()) {
            WaitingTicket ticket = waiting(unfinished.ticket());
            if (unfinished.acknowledged() && unfinished.assignee().isPresent()
                    && router.restore(ticket, unfinished.assignee().get())) {
                held++;
            } else {
                if (unfinished.assignee().isPresent()) {
                    retaken.add(ticket.id());
                }
                router.submit(ticket);
                waiting++;
            }
        }
        if (!retaken.isEmpty()) {
            assignments.withdrawn(retaken, "", "offer not acknowledged before a restart", clock.instant());
        }
        log.info("routing took up {} waiting and {} held tickets", waiting, held);
    }

    @Override
    public void start() {
        router = new Router(properties.weights());
        thread = routingThread();
        running = true;
        onRoutingThread(this::recover);
    }

    @Override
    public void stop() {
        running = false;
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
