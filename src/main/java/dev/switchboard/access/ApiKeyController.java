package dev.switchboard.access;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.web.ApiProblems;

/** Admins create, list and revoke integrations' API keys. A new key is shown once, in the creation response. */
@RestController
@RequestMapping("/api/v1/api-keys")
public class ApiKeyController {

    private static final int SHOWN_PREFIX_CHARS = 12;

    private final ApiKeys apiKeys;
    private final CallerIntrospector callers;
    private final Clock clock;

    public ApiKeyController(ApiKeys apiKeys, CallerIntrospector callers, Clock clock) {
        this.apiKeys = apiKeys;
        this.callers = callers;
        this.clock = clock;
    }

    public record NewApiKey(@NotBlank @Size(max = 200) String name,
                            @Min(1) @Max(10_000_000) Integer rateLimitPerMinute) {
    }

    /** A key as listed; {@code key} is present only in the response that created it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiKeyView(String id, String name, String keyPrefix, Integer rateLimitPerMinute, Instant createdAt,
                             Instant revokedAt, String key) {
        static ApiKeyView of(ApiKey key, String secret) {
            return new ApiKeyView(key.id(), key.name(), key.keyPrefix(),
                    key.rateLimitPerMinute().isPresent() ? key.rateLimitPerMinute().getAsInt() : null,
                    key.createdAt(), key.revokedAt().orElse(null), secret);
        }
    }

    @PostMapping
    public ResponseEntity<ApiKeyView> create(@Valid @RequestBody NewApiKey request, @AuthenticationPrincipal Caller admin) {
        String secret = Secrets.newSecret(Secrets.API_KEY_PREFIX);
        ApiKey key = new ApiKey(UlidCreator.getMonotonicUlid().toString(), request.name().strip(), Secrets.hash(secret),
                secret.substring(0, SHOWN_PREFIX_CHARS),
                request.rateLimitPerMinute() == null ? OptionalInt.empty() : OptionalInt.of(request.rateLimitPerMinute()),
                admin.actor().id(), clock.instant(), Optional.empty());
        apiKeys.create(key);
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id())).body(ApiKeyView.of(key, secret));
    }

    @GetMapping
    public List<ApiKeyView> list() {
        return apiKeys.list().stream().map(key -> ApiKeyView.of(key, null)).toList();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<?> revoke(@PathVariable String id) {
        if (!apiKeys.revoke(id, clock.instant())) {
            return ApiProblems.notFound("no active API key " + id);
        }
        callers.forgetAll();
        return ResponseEntity.noContent().build();
    }
}
