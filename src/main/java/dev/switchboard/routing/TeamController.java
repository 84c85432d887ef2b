package dev.switchboard.routing;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.web.ApiProblems;

/** Admins manage teams: a name and the categories its queue takes. */
@RestController
@RequestMapping("/api/v1/teams")
public class TeamController {

    private final Teams teams;
    private final RoutingStage routing;
    private final ApplicationEventPublisher events;

    public TeamController(Teams teams, RoutingStage routing, ApplicationEventPublisher events) {
        this.teams = teams;
        this.routing = routing;
        this.events = events;
    }

    public record NewTeam(@NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*",
            message = "must be lower-case letters, digits, '-' or '_'") String name,
                          @NotNull @Size(max = 100) Set<@NotBlank @Size(max = 100) String> categories) {
    }

    public record TeamChange(@NotNull @Size(max = 100) Set<@NotBlank @Size(max = 100) String> categories) {
    }

    @PostMapping
    public ResponseEntity<?> create(@Valid @RequestBody NewTeam request) {
        Team team = new Team(request.name(), request.categories());
        if (!teams.create(team)) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Team exists", "a team named " + team.name() + " exists");
        }
        events.publishEvent(new TeamsChanged());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.name())).body(team);
    }

    @GetMapping
    public List<Team> list() {
        return teams.list();
    }

    @GetMapping("/{name}")
    public ResponseEntity<?> get(@PathVariable String name) {
        return teams.find(name).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(name));
    }

    @PatchMapping("/{name}")
    public ResponseEntity<?> change(@PathVariable String name, @Valid @RequestBody TeamChange change) {
        if (teams.find(name).isEmpty()) {
            return notFound(name);
        }
        Team team = new Team(name, change.categories());
        teams.update(team);
        events.publishEvent(new TeamsChanged());
        return ResponseEntity.ok(team);
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<?> delete(@PathVariable String name) {
        int agents = teams.agentCount(name);
        if (agents > 0) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Team has agents",
                    "team " + name + " still has " + agents + " agents; move or delete them first");
        }
        int waiting = routing.waitingIn(name);
        if (waiting > 0) {
            // Deleted, its queue would be stranded: no agent could join the team to take those tickets.
            return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Team has waiting tickets",
                    "team " + name + " has " + waiting + " tickets waiting in its queue; let an agent of the team take them first");
        }
        if (!teams.delete(name)) {
            return notFound(name);
        }
        events.publishEvent(new TeamsChanged());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<?> notFound(String name) {
        return ApiProblems.notFound("no team " + name);
    }
}
