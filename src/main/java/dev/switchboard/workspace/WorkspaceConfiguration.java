package dev.switchboard.workspace;

import java.time.Clock;

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

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkspaceProperties.class)
public class WorkspaceConfiguration {

    @Bean
    TicketDesk ticketDesk(Tickets tickets, TicketUpdates updates, RoutingStage routing, Agents agents, Teams teams,
                          TeamDirectory directory, TriageProperties triage, WorkspaceProperties properties, Clock clock) {
        return new TicketDesk(tickets, updates, routing, agents, teams, directory, triage.generalistTeam(), properties, clock);
    }
}
