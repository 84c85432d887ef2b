package dev.switchboard.routing;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import dev.switchboard.ticket.Tickets;
import tools.jackson.databind.ObjectMapper;

/**
 * The agents' open stream connections, and what is pushed over them. Sessions are wrapped so that
 * the routing thread never waits on a slow client: a send that takes longer than 5 s, or 512 KiB
 * of backlog, closes that connection (and the agent's offers go to others).
 */
public class LivePush {

    private static final Logger log = LoggerFactory.getLogger(LivePush.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 512 * 1024;

    private final Map<String, Set<WebSocketSession>> sessions = new ConcurrentHashMap<>();
    private final Tickets tickets;
    private final ObjectMapper json;
    private final long ackTimeoutSeconds;

    public LivePush(Tickets tickets, ObjectMapper json, RoutingProperties properties) {
        this.tickets = tickets;
        this.json = json;
        this.ackTimeoutSeconds = properties.ackTimeout().toSeconds();
    }

    /**
     * Wraps a connection for sending from any thread: replies from the connection's own thread and
     * pushes from the routing thread must not write to it at the same time.
     */
    WebSocketSession guarded(WebSocketSession session) {
        return new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
    }

    /** Registers a (guarded) connection; true when it is the agent's first (they just came online). */
    boolean open(String agentId, WebSocketSession guarded) {
        Set<WebSocketSession> mine = sessions.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet());
        boolean first = mine.isEmpty();
        mine.add(guarded);
        return first;
    }

    /** Forgets a connection; true when it was the agent's last (they just went offline). */
    boolean close(String agentId, WebSocketSession session) {
        Set<WebSocketSession> mine = sessions.getOrDefault(agentId, Set.of());
        mine.removeIf(s -> s.getId().equals(session.getId()));
        return mine.isEmpty();
    }

    public int connections() {
        return sessions.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Pushes an offer to every connection of its agent: {@code {"type":"assignment","ticket":{...},
     * "ackWithinSeconds":30,"routing":{...}}}. False when the agent has no open connection.
     */
    boolean offer(Assignment assignment) {
        Set<WebSocketSession> mine = sessions.getOrDefault(assignment.agentId(), Set.of());
        if (mine.isEmpty()) {
            return false;
        }
        var ticket = tickets.find(assignment.ticket().id());
        if (ticket.isEmpty()) {
            return false;
        }
        var t = ticket.get();
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
        String message = json.writeValueAsString(Map.of("type", "assignment", "ticket", view,
                "ackWithinSeconds", ackTimeoutSeconds, "routing", Map.of("candidates", assignment.candidates())));
        boolean delivered = false;
        for (WebSocketSession session : mine) {
            try {
                session.sendMessage(new TextMessage(message));
                delivered = true;
            } catch (IOException | IllegalStateException gone) {
                log.debug("could not push to a connection of agent {}: {}", assignment.agentId(), gone.toString());
            }
        }
        return delivered;
    }

    void send(WebSocketSession session, Map<String, Object> message) throws IOException {
        session.sendMessage(new TextMessage(json.writeValueAsString(message)));
    }
}
