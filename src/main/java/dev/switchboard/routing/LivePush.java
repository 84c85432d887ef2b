package dev.switchboard.routing;

import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import dev.switchboard.backbone.Backbone;
import dev.switchboard.backbone.Push;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import tools.jackson.databind.ObjectMapper;

/**
 * The agents' open stream connections, and what is pushed over them. Pushing only queues a message on
 * each of the agent's connections ({@link StreamConnection}): the routing thread never waits on a slow
 * client. A connection with more than {@code stream-queue-limit} waiting (2 MB), or a write blocked for
 * {@code stream-send-timeout} (5 s), is closed, and the agent's offers go to others.
 *
 * <p>Presence follows heartbeats, not only the connection: every connection is pinged at
 * {@code heartbeat-interval} (a WebSocket ping frame, which browsers answer by themselves), and one
 * from which nothing (a pong, a message) has arrived for {@code heartbeat-timeout} is closed as
 * dead. A half-open connection (a laptop lid shut, a NAT that forgot the flow) so stops counting the
 * agent as online within the timeout, and what they had not acknowledged goes to others.
 */
public class LivePush implements Backbone.PushOutput {

    private static final Logger log = LoggerFactory.getLogger(LivePush.class);
    /** Close code for a connection that stopped answering heartbeats (4000-4999: the application's). */
    static final CloseStatus SILENT = new CloseStatus(4408, "no heartbeat within the timeout");

    private final Map<String, Set<StreamConnection>> sessions = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final long ackTimeoutSeconds;
    private final long heartbeatTimeoutNanos;
    private final long queueLimitBytes;
    private final Duration sendTimeout;

    private final Backbone backbone;
    private final io.micrometer.core.instrument.Timer acceptedToPushed;
    private final java.time.Clock clock;

    public LivePush(ObjectMapper json, RoutingProperties properties, Backbone backbone, io.micrometer.core.instrument.MeterRegistry meters,
                    java.time.Clock clock) {
        this.json = json;
        this.ackTimeoutSeconds = properties.ackTimeout().toSeconds();
        this.heartbeatTimeoutNanos = properties.heartbeatTimeout().toNanos();
        this.queueLimitBytes = properties.streamQueueLimit().toBytes();
        this.sendTimeout = properties.streamSendTimeout();
        this.backbone = backbone;
        this.clock = clock;
        this.acceptedToPushed = io.micrometer.core.instrument.Timer.builder("switchboard.routing.accepted.to.pushed")
                .description("From a ticket's acceptance to its first offer reaching an agent's connection")
                .publishPercentileHistogram()
                // Bounds at the product's targets (p50 5 ms, p99 25 ms at 1,000/s): the share within each is exact.
                .serviceLevelObjectives(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(25), java.time.Duration.ofMillis(50))
                .register(meters);
        backbone.pushTo(this);
    }

    /** The connection as pushes and answers reach it: queued, written in order on a thread of its own. */
    StreamConnection connection(WebSocketSession session) {
        return new StreamConnection(session, queueLimitBytes, sendTimeout);
    }

    /**
     * Closes the connections nothing has come from for the heartbeat timeout and pings the others.
     * Closing runs the usual disconnect: the agent's last connection gone, they are offline.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${switchboard.routing.heartbeat-interval:15s}",
            initialDelayString = "${switchboard.routing.heartbeat-interval:15s}")
    public void heartbeat() {
        long now = System.nanoTime();
        for (Set<StreamConnection> mine : sessions.values()) {
            for (StreamConnection connection : mine) {
                if (connection.silentFor(now) > heartbeatTimeoutNanos) {
                    log.info("closing a stream connection silent for longer than the heartbeat timeout");
                    connection.close(SILENT);
                } else {
                    connection.ping();
                }
            }
        }
    }

    /** Registers a connection; true when it is the agent's first (they just came online). */
    boolean open(String agentId, StreamConnection connection) {
        Set<StreamConnection> mine = sessions.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet());
        boolean first = mine.isEmpty();
        mine.add(connection);
        return first;
    }

    /** Forgets a closed connection; true when it was the agent's last (they just went offline). */
    boolean close(String agentId, StreamConnection connection) {
        connection.closed();
        Set<StreamConnection> mine = sessions.getOrDefault(agentId, Set.of());
        mine.remove(connection);
        return mine.isEmpty();
    }

    public int connections() {
        return sessions.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Pushes an offer to every connection of its agent, on whichever node they are connected:
     * {@code {"type":"assignment","ticket":{...}, "ackWithinSeconds":30,"routing":{...}}}.
     */
    void offer(Assignment assignment, Ticket t) {
        // Only a first offer ends the ticket's way from intake; a re-offer is timed by no latency metric.
        backbone.push(new Push(assignment.agentId(), assignmentMessage(assignment, t),
                assignment.ticket().offeredBefore() ? Optional.empty() : Optional.of(assignment.ticket().receivedAt())));
    }

    /** Pushes a ticket a person gave to the agent, as an assignment: a person's decision, timed by no latency metric. */
    void given(Assignment assignment, Ticket t) {
        backbone.push(new Push(assignment.agentId(), assignmentMessage(assignment, t), Optional.empty()));
    }

    private String assignmentMessage(Assignment assignment, Ticket t) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("id", t.id().value());
        view.put("channel", t.channel().wireName());
        view.put("subject", t.subject());
        view.put("body", t.body());
        view.put("priority", t.priority().name());
        view.put("category", assignment.ticket().category());
        view.put("team", assignment.ticket().team());
        view.put("customer", Map.of("id", t.customer().id(), "name", t.customer().name(), "email", t.customer().email(),
                "region", t.customer().region()));
        view.put("createdAt", t.createdAt().toString());
        return json.writeValueAsString(Map.of("type", "assignment", "ticket", view,
                "ackWithinSeconds", ackTimeoutSeconds, "routing", Map.of("candidates", assignment.candidates(), "others", assignment.others())));
    }

    /**
     * Tells every connection of the agent that a ticket they held or were offered is no longer theirs:
     * {@code {"type":"withdrawn","ticketId":...,"reason":...}}.
     */
    void withdrawn(String agentId, TicketId ticketId, String reason) {
        tell(agentId, Map.of("type", "withdrawn", "ticketId", ticketId.value(), "reason", reason));
    }

    /**
     * Tells every connection of the agent that routing turned their availability off:
     * {@code {"type":"unavailable","reason":...}}. They are offered nothing new until they turn it on.
     */
    void unavailable(String agentId, String reason) {
        tell(agentId, Map.of("type", "unavailable", "reason", reason));
    }

    /** A message that is not an offer, to every connection of the agent (on whichever node they are connected). */
    private void tell(String agentId, Map<String, Object> message) {
        backbone.push(new Push(agentId, json.writeValueAsString(message), Optional.empty()));
    }

    private volatile java.util.function.Consumer<Set<String>> onRoutingMoved = agents -> { };

    /** What to do with the agents connected here when routing moves between nodes (the stream announces them). */
    void onRoutingMoved(java.util.function.Consumer<Set<String>> announce) {
        this.onRoutingMoved = announce;
    }

    @Override
    public void routingMoved() {
        onRoutingMoved.accept(Set.copyOf(sessions.keySet()));
    }

    /** A push for an agent, from the routing of any node: to this node's connections of theirs. */
    @Override
    public boolean deliver(Push push) {
        // Timed when the first of the agent's connections has it written, once.
        Runnable written = push.acceptedAt().<Runnable>map(accepted -> {
            AtomicBoolean timed = new AtomicBoolean();
            return () -> {
                if (timed.compareAndSet(false, true)) {
                    acceptedToPushed.record(Duration.between(accepted, clock.instant()));
                }
            };
        }).orElse(() -> { });
        boolean queued = false;
        for (StreamConnection connection : sessions.getOrDefault(push.agentId(), Set.of())) {
            queued |= connection.send(push.message(), written);
        }
        return queued;
    }

    /** An answer on one connection, after what was queued on it before. */
    void send(StreamConnection connection, Map<String, Object> message) {
        connection.send(json.writeValueAsString(message), () -> { });
    }
}
