package dev.switchboard.workspace;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.switchboard.access.Role;
import dev.switchboard.access.SignedInUser;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.Agents;
import dev.switchboard.routing.RoutingOverview;
import dev.switchboard.routing.RoutingStage;

/** A lead's view: their team's queues with depth and oldest waiting, and their agents with presence and load. */
@Controller
class LeadPage {

    /** How long the page waits for routing's picture of its queues before it answers 503. */
    private static final java.time.Duration OVERVIEW_WAIT = java.time.Duration.ofSeconds(5);

    private final RoutingStage routing;
    private final Agents agents;
    private final Clock clock;
    private final dev.switchboard.channels.Deadlines deadlines;

    LeadPage(RoutingStage routing, Agents agents, Clock clock, dev.switchboard.channels.Deadlines deadlines) {
        this.deadlines = deadlines;
        this.routing = routing;
        this.agents = agents;
        this.clock = clock;
    }

    @GetMapping({"/lead", "/lead/overview"})
    String lead(@AuthenticationPrincipal SignedInUser user, Model model) {
        RoutingOverview all = dev.switchboard.web.Waiting.await(routing.overview(), OVERVIEW_WAIT, "routing");
        boolean admin = user.user().role() == Role.ADMIN;
        String team = user.user().team();
        model.addAttribute("queues", admin ? all.queues() : all.queuesOf(team));
        model.addAttribute("loads", admin ? all.agents() : all.agentsOf(team));
        Map<String, Agent> byId = agents.list().stream().collect(Collectors.toMap(Agent::id, Function.identity()));
        model.addAttribute("agentsById", byId);
        model.addAttribute("now", clock.instant());
        model.addAttribute("team", admin ? "all teams" : team);
        model.addAttribute("breached", deadlines.breachedOpenByTeam());
        return "lead";
    }
}
