package dev.switchboard.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import dev.switchboard.ticket.Actor;

/**
 * Whoever sent an authenticated request: a signed-in user or an API key. Controllers receive it with
 * {@code @AuthenticationPrincipal}.
 *
 * @param rateLimitPerMinute an API key's own intake limit; empty for the default
 * @param expiresAt          when the credential stops working ({@link Instant#MAX} for API keys)
 */
public record Caller(Actor actor, String name, Role role, String team, OptionalInt rateLimitPerMinute,
                     Instant expiresAt) implements OAuth2AuthenticatedPrincipal {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(rateLimitPerMinute, "rateLimitPerMinute");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    static Caller of(User user, Instant expiresAt) {
        return new Caller(new Actor(Actor.Kind.USER, user.id()), user.email(), user.role(), user.team(),
                OptionalInt.empty(), expiresAt);
    }

    static Caller of(ApiKey key) {
        return new Caller(new Actor(Actor.Kind.API_KEY, key.id()), key.name(), Role.INTEGRATION, "",
                key.rateLimitPerMinute(), Instant.MAX);
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("actor", actor.toString(), "role", role.name());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getName() {
        return actor.toString();
    }
}
