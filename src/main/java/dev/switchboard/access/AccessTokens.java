package dev.switchboard.access;

import java.time.Instant;
import java.util.Optional;

/** Signed-in users' bearer tokens, held only as hashes. */
public interface AccessTokens {

    void store(String tokenHash, String userId, Instant createdAt, Instant expiresAt);

    /** The user a token belongs to, when it exists and has not expired at {@code now}. */
    Optional<TokenOwner> find(String tokenHash, Instant now);

    void revoke(String tokenHash);

    int purgeExpired(Instant now);

    record TokenOwner(User user, Instant expiresAt) {
    }
}
