package dev.switchboard.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Integrations' API keys. */
public interface ApiKeys {

    void create(ApiKey key);

    /** The key with this hash, unless revoked. */
    Optional<ApiKey> findActive(String keyHash);

    List<ApiKey> list();

    /** Revokes the key; false when there is no such active key. */
    boolean revoke(String id, Instant at);
}
