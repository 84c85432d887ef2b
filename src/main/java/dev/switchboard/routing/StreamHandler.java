package dev.switchboard.routing;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.switchboard.access.Caller;
import dev.switchboard.backbone.AgentSignal;
import dev.switchboard.backbone.Backbone;
import dev.switchboard.ticket.TicketId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The agents' live stream at {@code /api/v1/stream} (protocol in docs/stream.md). The handshake is
 * authenticated like any API call (a bearer token, or {@code access_token} in the query for
 * browsers); only agents may stream. Opening the first connection puts the agent online; closing
 * the last takes them offline and re-routes what they had not acknowledged.
 */
public class StreamHandler extends TextWebSocketHandler {

    /** Close code for a connection that is not an agent's (the WebSocket range for applications). */
    static final CloseStatus NOT_AN_AGENT = new CloseStatus(4403, "only agents may stream");
    /** The session attribute holding the connection as sends reach it ({@link StreamConnection}). */
    private static final String CONNECTION = "connection";
    private static final String TEAM = "team";

    private final LivePush push;
    private final Backbone backbone;
    private final Agents agents;
    private final ObjectMapper json;

    public StreamHandler(LivePush push, Backbone backbone, Agents agents, ObjectMapper json) {
        this.push = push;
        this.backbone = backbone;
        push.onRoutingMoved(connected -> connected.forEach(agentId -> agents.find(agentId).ifPresent(agent ->
                backbone.signal(AgentSignal.of(AgentSignal.Kind.CONNECTED, agentId, agent.team(), backbone.node())))));
        this.agents = agents;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        Optional<String> agentId = agentOf(session);
        if (agentId.isEmpty()) {
            session.close(NOT_AN_AGENT);
            return;
        }
        StreamConnection connection = push.connection(session);
        session.getAttributes().put("agentId", agentId.get());
        session.getAttributes().put(CONNECTION, connection);
        push.send(connection, Map.of("type", "welcome", "agentId", agentId.get()));
        session.getAttributes().put(TEAM, agents.find(agentId.get()).map(Agent::team).orElse(""));
        if (push.open(agentId.get(), connection)) {
            signal(AgentSignal.Kind.CONNECTED, session);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        String agentId = (String) raw.getAttributes().get("agentId");
        if (!(raw.getAttributes().get(CONNECTION) instanceof StreamConnection session)) {
            return; // not an agent's: being closed
        }
        session.seen();
        JsonNode in;
        try {
            in = json.readTree(message.getPayload());
        } catch (JacksonException notJson) {
            in = null;
        }
        if (in == null || !in.isObject()) {
            push.send(session, Map.of("type", "error", "detail", "messages are JSON objects with a type"));
            return;
        }
        if (!in.path("type").isString()) {
            push.send(session, Map.of("type", "error", "detail", "a message needs a type, a string: ack, resolve, hand_back or ping"));
            return;
        }
        String type = in.get("type").asString();
        switch (type) {
            case "ack", "resolve", "hand_back" -> {
                Optional<TicketId> id = TicketId.parse(in.path("ticketId").asString(""));
                if (id.isEmpty()) {
                    push.send(session, Map.of("type", "error", "detail", type + " needs a ticketId"));
                    return;
                }
                AgentSignal.Kind kind = switch (type) {
                    case "ack" -> AgentSignal.Kind.ACKNOWLEDGED;
                    case "resolve" -> AgentSignal.Kind.RESOLVED;
                    default -> AgentSignal.Kind.HANDED_BACK;
                };
                backbone.signal(AgentSignal.about(kind, agentId, team(raw), id.get(), backbone.node()));
            }
            case "ping" -> push.send(session, Map.of("type", "pong"));
            default -> push.send(session, Map.of("type", "error", "detail", "unknown message type '" + type + "'"));
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        if (session.getAttributes().get(CONNECTION) instanceof StreamConnection connection) {
            connection.seen();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object agentId = session.getAttributes().get("agentId");
        if (agentId != null && session.getAttributes().get(CONNECTION) instanceof StreamConnection connection
                && push.close((String) agentId, connection)) {
            signal(AgentSignal.Kind.DISCONNECTED, session);
        }
    }

    private void signal(AgentSignal.Kind kind, WebSocketSession session) {
        backbone.signal(AgentSignal.of(kind, (String) session.getAttributes().get("agentId"), team(session), backbone.node()));
    }

    /** The agent's team when they connected: whose routing hears of this connection. */
    private static String team(WebSocketSession session) {
        return (String) session.getAttributes().getOrDefault(TEAM, "");
    }

    private Optional<String> agentOf(WebSocketSession session) {
        if (session.getPrincipal() instanceof BearerTokenAuthentication auth && auth.getPrincipal() instanceof Caller caller
                && caller.actor().kind() == dev.switchboard.ticket.Actor.Kind.USER) {
            return agents.find(caller.actor().id()).map(Agent::id);
        }
        return Optional.empty();
    }
}
