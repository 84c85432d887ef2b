package dev.switchboard.routing;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.access.Caller;
import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.RequestChecks;

/**
 * Admins manage agents: each is a user who signs in through {@code POST /api/v1/auth/token}, with a
 * routing profile (team, skills, region, capacity, availability).
 */
@RestController
@RequestMapping("/api/v1/agents")
public class AgentController {

    private final Agents agents;
    private final Teams teams;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final AgentRoster roster;
    private final Validator validator;

    public AgentController(Agents agents, Teams teams, PasswordEncoder passwords, Clock clock, AgentRoster roster,
                           Validator validator) {
        this.validator = validator;
        this.roster = roster;
        this.agents = agents;
        this.teams = teams;
        this.passwords = passwords;
        this.clock = clock;
    }

    public record NewAgent(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String name,
                           @NotBlank @Size(min = 8, max = 1000) String password, @NotBlank String team,
                           @NotNull @Size(max = 100) Set<@NotBlank @Size(max = 100) String> skills,
                           @Size(max = 64) String region, @NotNull @Min(0) @Max(1000) Integer capacity) {
    }

    /** A partial change: absent fields stay as they are. */
    public record AgentChange(@Size(min = 1, max = 200) String name, @Size(min = 8, max = 1000) String password,
                              String team, @Size(max = 100) Set<@NotBlank @Size(max = 100) String> skills,
                              @Size(max = 64) String region, @Min(0) @Max(1000) Integer capacity, Boolean available) {
    }

    @PostMapping
    public ResponseEntity<?> create(@RequestBody NewAgent request) {
        RequestChecks checks = RequestChecks.of(validator, request);
        if (checks.fine("team")) {
            requireTeam(request.team(), checks);
        }
        checks.orThrow();
        Agent agent = new Agent(UlidCreator.getMonotonicUlid().toString(), request.email().strip().toLowerCase(Locale.ROOT),
                request.name().strip(), request.team(), request.skills(), request.region() == null ? "" : request.region().strip(),
                request.capacity(), true);
        try {
            roster.create(agent, passwords.encode(request.password()), clock.instant());
        } catch (DuplicateKeyException taken) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Email in use", "a user with " + agent.email() + " exists");
        }
        return ResponseEntity.created(URI.create("/api/v1/agents/" + agent.id())).body(agent);
    }

    @GetMapping
    public List<Agent> list() {
        return agents.list();
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> get(@PathVariable String id) {
        return agents.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
    }

    @PatchMapping("/{id}")
    public ResponseEntity<?> change(@PathVariable String id, @RequestBody AgentChange change) {
        RequestChecks checks = RequestChecks.of(validator, change);
        if (change.team() != null) {
            requireTeam(change.team(), checks);
        }
        checks.orThrow();
        Optional<Agent> changed = roster.update(id, a -> new Agent(id, a.email(), orElse(change.name(), a.name()),
                orElse(change.team(), a.team()), change.skills() == null ? a.skills() : change.skills(),
                orElse(change.region(), a.region()), change.capacity() == null ? a.capacity() : change.capacity(),
                change.available() == null ? a.available() : change.available()));
        if (changed.isPresent() && change.password() != null) {
            agents.changePassword(id, passwords.encode(change.password()));
        }
        return changed.<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
    }

    /** The signed-in agent's own profile. */
    @GetMapping("/me")
    public ResponseEntity<?> me(@AuthenticationPrincipal Caller caller) {
        return get(caller.actor().id());
    }

    public record Availability(@NotNull Boolean available) {
    }

    /**
     * The agent's own availability switch: unavailable, they are offered nothing new (what they hold
     * stays theirs); available again, waiting tickets come to them at once.
     */
    @PutMapping("/me/availability")
    public ResponseEntity<?> availability(@AuthenticationPrincipal Caller caller, @Valid @RequestBody Availability availability) {
        return roster.setAvailable(caller.actor().id(), availability.available())
                .<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(caller.actor().id()));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<?> delete(@PathVariable String id) {
        if (!roster.remove(id)) {
            return notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private void requireTeam(String team, RequestChecks checks) {
        if (teams.find(team).isEmpty()) {
            checks.problem("team", "no team named " + team + "; create it with POST /api/v1/teams");
        }
    }

    private static String orElse(String value, String current) {
        return value == null ? current : value.strip();
    }

    private static ResponseEntity<?> notFound(String id) {
        return ApiProblems.notFound("no agent " + id);
    }
}
