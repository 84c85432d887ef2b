package dev.switchboard.intake;

import java.util.Objects;

/**
 * A client's {@code Idempotency-Key}, scoped to the client that sent it (two API keys may pick the
 * same key without meeting), with the fingerprint of the request it came with.
 *
 * @param scope       who sent it: an API key's or user's id, or {@code public} for anonymous intake
 * @param fingerprint SHA-256 (hex) of the cleaned request; the same key with another fingerprint is refused
 */
public record IdempotencyKey(String scope, String key, String fingerprint) {

    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The key as stored: unique per scope. */
    public String storageKey() {
        return scope + "/" + key;
    }

    /** A retry of the request that first used this key, rather than another request under the same key. */
    public boolean sameRequestAs(String storedFingerprint) {
        return fingerprint.equals(storedFingerprint);
    }
}
