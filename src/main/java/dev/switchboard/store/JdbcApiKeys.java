package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.access.ApiKey;
import dev.switchboard.access.ApiKeys;

/** API keys (as hashes) in a relational database. */
public class JdbcApiKeys implements ApiKeys {

    private static final String COLUMNS =
            "id, name, key_hash, key_prefix, rate_limit_per_minute, created_by, created_at, revoked_at";

    private final JdbcTemplate jdbc;

    JdbcApiKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(ApiKey key) {
        jdbc.update("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.name(), key.keyHash(), key.keyPrefix(),
                key.rateLimitPerMinute().isPresent() ? key.rateLimitPerMinute().getAsInt() : null,
                key.createdBy(), Columns.timestamp(key.createdAt()), Columns.timestamp(key.revokedAt().orElse(null)));
    }

    @Override
    public Optional<ApiKey> findActive(String keyHash) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                JdbcApiKeys::apiKey, keyHash).stream().findFirst();
    }

    @Override
    public List<ApiKey> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id", JdbcApiKeys::apiKey);
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return jdbc.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                Columns.timestamp(at), id) == 1;
    }

    private static ApiKey apiKey(ResultSet rs, int row) throws SQLException {
        int limit = rs.getInt("rate_limit_per_minute");
        OptionalInt rateLimit = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(limit);
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("key_hash"), rs.getString("key_prefix"),
                rateLimit, rs.getString("created_by"), Columns.instant(rs, "created_at"),
                Optional.ofNullable(Columns.instant(rs, "revoked_at")));
    }
}
