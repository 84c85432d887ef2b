package dev.switchboard.workspace;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.access.User;
import dev.switchboard.access.Users;
import dev.switchboard.routing.Teams;
import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.RequestChecks;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Leads and admins (admins only). Agents have a routing profile and are managed at {@code /api/v1/agents};
 * they are listed here too, as users.
 */
@RestController
@RequestMapping("/api/v1/users")
public class UserController {

    private final Users users;
    private final Teams teams;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final Validator validator;

    public UserController(Users users, Teams teams, PasswordEncoder passwords, Clock clock, Validator validator) {
        this.validator = validator;
        this.users = users;
        this.teams = teams;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** @param team the team a lead leads; admins belong to none */
    public record NewUser(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String name,
                          @NotBlank @Size(min = 8, max = 1000) String password,
                          @NotBlank @Pattern(regexp = "(?i)lead|admin", message = "must be lead or admin") String role,
                          @Size(max = 100) String team) {
    }

    /** A user as shown: never their password hash. */
    public record UserView(String id, String email, String name, String role, String team, Instant createdAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.name(), u.role().name().toLowerCase(Locale.ROOT), u.team(), u.createdAt());
        }
    }

    @PostMapping
    public ResponseEntity<?> create(@RequestBody NewUser request) {
        RequestChecks checks = RequestChecks.of(validator, request);
        String team = request.team() == null ? "" : request.team().strip();
        Role role = checks.fine("role") ? Role.valueOf(request.role().toUpperCase(Locale.ROOT)) : null;
        if (role == Role.LEAD && checks.fine("team") && (team.isEmpty() || teams.find(team).isEmpty())) {
            checks.problem("team", "a lead leads an existing team");
        }
        if (role == Role.ADMIN && checks.fine("team") && !team.isEmpty()) {
            checks.problem("team", "admins belong to no team");
        }
        checks.orThrow();
        User user = new User(UlidCreator.getMonotonicUlid().toString(), request.email().strip().toLowerCase(Locale.ROOT),
                request.name().strip(), passwords.encode(request.password()), role, team, clock.instant());
        try {
            users.create(user);
        } catch (DuplicateKeyException taken) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Email in use", "a user with " + user.email() + " exists");
        }
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(UserView.of(user));
    }

    @GetMapping
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<?> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        if (caller.actor().id().equals(id)) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Cannot delete yourself",
                    "another admin must delete your account, so that one always remains");
        }
        try {
            return users.delete(id) ? ResponseEntity.noContent().build()
                    : ApiProblems.notFound("no lead or admin " + id + " (agents are deleted at /api/v1/agents)");
        } catch (DataIntegrityViolationException referenced) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "User in use",
                    "the user created API keys that still exist; delete those first");
        }
    }
}
