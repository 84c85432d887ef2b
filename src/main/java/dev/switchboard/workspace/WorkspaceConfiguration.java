package dev.switchboard.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.switchboard.routing.Agents;
import dev.switchboard.routing.RoutingStage;
import dev.switchboard.routing.Teams;
import dev.switchboard.ticket.TicketUpdates;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.triage.TeamDirectory;
import dev.switchboard.triage.TriageProperties;
import dev.switchboard.web.Keys;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkspaceProperties.class, ChatProperties.class})
public class WorkspaceConfiguration {

    /** The tracking-link key: configured, or made once and kept (owner-only) in the data folder. */
    @Bean
    TrackingLinks trackingLinks(WorkspaceProperties properties, @Value("${switchboard.data-dir}") Path dataDir) throws IOException {
        return new TrackingLinks(Keys.configuredOrKept(properties.portalLinkKey(), dataDir, "portal-link.key"), properties.publicUrl());
    }

    /**
     * CORS for the chat widget's API only, which pages of other sites call: it takes no cookies, so a
     * conversation's token is all a caller has. Every other path stays same-origin.
     */
    @Bean
    org.springframework.web.cors.CorsConfigurationSource corsConfigurationSource(ChatProperties chat) {
        org.springframework.web.cors.CorsConfiguration widget = new org.springframework.web.cors.CorsConfiguration();
        widget.setAllowedOriginPatterns(chat.allowedOrigins());
        widget.setAllowedMethods(java.util.List.of("GET", "POST"));
        widget.setAllowedHeaders(java.util.List.of("Content-Type", "Last-Event-ID"));
        widget.setAllowCredentials(false);
        widget.setMaxAge(java.time.Duration.ofHours(1));
        var source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/chat/**", widget);
        return source;
    }

    @Bean
    TicketDesk ticketDesk(Tickets tickets, TicketUpdates updates, RoutingStage routing, Agents agents, Teams teams,
                          TeamDirectory directory, TriageProperties triage, WorkspaceProperties properties, Clock clock,
                          dev.switchboard.channels.Deadlines deadlines, dev.switchboard.channels.SlaWatch slas) {
        return new TicketDesk(tickets, updates, routing, agents, teams, directory, triage.generalistTeam(), properties, clock,
                deadlines, slas);
    }
}
