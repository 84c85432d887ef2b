package dev.switchboard.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.RateLimiter;

/** Sign-in and sign-out for the API: a bearer token for an email and password, and its revocation. */
@RestController
@RequestMapping("/api/v1/auth/token")
public class AuthController {

    /** Compared against when the email is unknown, so that a miss costs as long as a wrong password. */
    private final String decoyHash;
    private final Users users;
    private final AccessTokens tokens;
    private final PasswordEncoder passwords;
    private final CallerIntrospector callers;
    private final RateLimiter rateLimiter;
    private final RateLimiter.Limit signInLimit;
    private final Duration tokenTtl;
    private final Clock clock;

    public AuthController(Users users, AccessTokens tokens, PasswordEncoder passwords, CallerIntrospector callers,
                          AccessProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.callers = callers;
        this.rateLimiter = new RateLimiter(100_000, Duration.ofMinutes(1));
        this.signInLimit = new RateLimiter.Limit(properties.signInsPerMinute(), Duration.ofMinutes(1));
        this.tokenTtl = properties.tokenTtl();
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy-password-for-unknown-users");
    }

    public record SignIn(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password) {
    }

    /** The OAuth 2.0 token response shape (RFC 6749 section 5.1), which API clients already know. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    @PostMapping
    public ResponseEntity<?> signIn(@Valid @RequestBody SignIn signIn, HttpServletRequest request) {
        rateLimiter.consume("sign-in:" + request.getRemoteAddr(), signInLimit, 1);
        var user = users.findByEmail(signIn.email().trim().toLowerCase(Locale.ROOT));
        boolean matches = passwords.matches(signIn.password(), user.map(User::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            ResponseEntity<ProblemDetail> refused = ApiProblems.problem(HttpStatus.UNAUTHORIZED, "bad-credentials",
                    "Sign-in failed", "the email or the password is wrong");
            return refused;
        }
        String token = Secrets.newSecret(Secrets.TOKEN_PREFIX);
        Instant now = clock.instant();
        tokens.store(Secrets.hash(token), user.get().id(), now, now.plus(tokenTtl));
        return ResponseEntity.ok(new TokenResponse(token, "Bearer", tokenTtl.toSeconds()));
    }

    /** Signs out: the presented token stops working at once on this node. */
    @DeleteMapping
    public ResponseEntity<Void> signOut(BearerTokenAuthentication authentication) {
        String hash = Secrets.hash(authentication.getToken().getTokenValue());
        tokens.revoke(hash);
        callers.forget(hash);
        return ResponseEntity.noContent().build();
    }
}
