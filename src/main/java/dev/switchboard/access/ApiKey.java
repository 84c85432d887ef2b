package dev.switchboard.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An integration's credential. Only the key's SHA-256 hash and its first characters (to tell keys
 * apart in a list) are stored.
 *
 * @param rateLimitPerMinute this key's own intake limit; empty for the configured default
 */
public record ApiKey(String id, String name, String keyHash, String keyPrefix, OptionalInt rateLimitPerMinute,
                     String createdBy, Instant createdAt, Optional<Instant> revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(rateLimitPerMinute, "rateLimitPerMinute");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
