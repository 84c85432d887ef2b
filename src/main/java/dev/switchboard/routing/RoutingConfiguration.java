package dev.switchboard.routing;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.switchboard.backbone.Backbone;
import dev.switchboard.ticket.Tickets;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;

/** Wires routing: the stage on its own thread, the live push, the agents' stream. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(RoutingProperties.class)
public class RoutingConfiguration {

    @Bean
    LivePush livePush(ObjectMapper json, RoutingProperties properties, MeterRegistry meters, Backbone backbone, Clock clock) {
        LivePush push = new LivePush(json, properties, backbone, meters, clock);
        meters.gauge("switchboard.stream.connections", push, LivePush::connections);
        return push;
    }

    @Bean
    AgentRoster agentRoster(Agents agents, Backbone backbone) {
        return new AgentRoster(agents, backbone);
    }

    @Bean
    RoutingStage routingStage(Assignments assignments, Agents agents, Tickets tickets, LivePush push, RoutingProperties properties,
                              Clock clock, MeterRegistry meters, WeightSettings weightSettings, Backbone backbone, AgentRoster roster) {
        return new RoutingStage(assignments, agents, tickets, push, properties, clock, meters, weightSettings, backbone, roster);
    }

    @Bean
    StreamHandler streamHandler(LivePush push, Backbone backbone, Agents agents, ObjectMapper json) {
        return new StreamHandler(push, backbone, agents, json);
    }

    /**
     * The longest binary message an agent's connection may send. Agents send text only, and a binary message
     * is refused (1003) whatever its size; past this one it closes the connection with 1009 before it is read
     * whole. Tomcat holds a buffer this size for every open connection.
     */
    static final int BINARY_MESSAGE_MAX = 256;

    /**
     * The WebSocket container's limits: an agent's message longer than {@code stream-message-max} closes its
     * connection. Tomcat sizes each connection's message buffers by them, for as long as it is open: at 8 KB
     * each (its default) the text buffer alone was 16 KB a connection (docs/benchmarks.md, "Agents' stream
     * connections").
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(RoutingProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) properties.streamMessageMax().toBytes());
        container.setMaxBinaryMessageBufferSize(BINARY_MESSAGE_MAX);
        return container;
    }

    @Bean
    WebSocketConfigurer stream(StreamHandler handler, RoutingProperties properties) {
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, "/api/v1/stream")
                .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
    }
}
