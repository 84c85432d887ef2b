package dev.switchboard.access;

import java.time.Clock;
import java.util.Optional;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Resolves a bearer secret to its {@link Caller}: a user's token or an API key, looked up by hash.
 * Resolved callers are cached briefly so that an API client's every request does not cost a database
 * read; revoking on this node drops the cache entry at once.
 */
public class CallerIntrospector implements OpaqueTokenIntrospector {

    private final AccessTokens tokens;
    private final ApiKeys apiKeys;
    private final Clock clock;
    private final Cache<String, Caller> cache;

    public CallerIntrospector(AccessTokens tokens, ApiKeys apiKeys, Clock clock, AccessProperties properties) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.callerCacheTtl()).build();
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String secret) {
        String hash = Secrets.hash(secret);
        Caller caller = cache.get(hash, h -> resolve(secret, h).orElse(null));
        if (caller == null || !caller.expiresAt().isAfter(clock.instant())) {
            throw new BadOpaqueTokenException("the bearer token is unknown, revoked or expired");
        }
        return caller;
    }

    /** Forgets a secret on this node at once (sign-out, key revoked). */
    void forget(String secretHash) {
        cache.invalidate(secretHash);
    }

    /** Forgets every cached caller; after an API key is revoked its hash is not at hand. */
    void forgetAll() {
        cache.invalidateAll();
    }

    private Optional<Caller> resolve(String secret, String hash) {
        if (secret.startsWith(Secrets.API_KEY_PREFIX)) {
            return apiKeys.findActive(hash).map(Caller::of);
        }
        if (secret.startsWith(Secrets.TOKEN_PREFIX)) {
            return tokens.find(hash, clock.instant()).map(owner -> Caller.of(owner.user(), owner.expiresAt()));
        }
        return Optional.empty();
    }
}
