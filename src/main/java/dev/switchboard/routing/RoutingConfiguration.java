package dev.switchboard.routing;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.switchboard.ticket.Tickets;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;

/** Wires routing: the stage on its own thread, the live push, the agents' stream. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(RoutingProperties.class)
public class RoutingConfiguration {

    @Bean
    LivePush livePush(ObjectMapper json, RoutingProperties properties, MeterRegistry meters) {
        LivePush push = new LivePush(json, properties);
        meters.gauge("switchboard.stream.connections", push, LivePush::connections);
        return push;
    }

    @Bean
    AgentRoster agentRoster(Agents agents, RoutingStage routing) {
        return new AgentRoster(agents, routing);
    }

    @Bean
    RoutingStage routingStage(Assignments assignments, Agents agents, Tickets tickets, LivePush push, RoutingProperties properties,
                              Clock clock, MeterRegistry meters, WeightSettings weightSettings) {
        return new RoutingStage(assignments, agents, tickets, push, properties, clock, meters, weightSettings);
    }

    @Bean
    StreamHandler streamHandler(LivePush push, RoutingStage routing, Agents agents, ObjectMapper json) {
        return new StreamHandler(push, routing, agents, json);
    }

    @Bean
    WebSocketConfigurer stream(StreamHandler handler, RoutingProperties properties) {
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, "/api/v1/stream")
                .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
    }
}
