package dev.switchboard.store;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.access.AccessTokens;

/** Users' bearer tokens (as hashes) in a relational database. */
public class JdbcAccessTokens implements AccessTokens {

    private final JdbcTemplate jdbc;

    JdbcAccessTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(String tokenHash, String userId, Instant createdAt, Instant expiresAt) {
        jdbc.update("INSERT INTO access_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                tokenHash, userId, Columns.timestamp(createdAt), Columns.timestamp(expiresAt));
    }

    @Override
    public Optional<TokenOwner> find(String tokenHash, Instant now) {
        return jdbc.query("SELECT " + JdbcUsers.COLUMNS + ", t.expires_at FROM access_tokens t JOIN users u ON u.id = t.user_id"
                        + " WHERE t.token_hash = ? AND t.expires_at > ?",
                (rs, n) -> new TokenOwner(JdbcUsers.user(rs, n), Columns.instant(rs, "expires_at")),
                tokenHash, Columns.timestamp(now)).stream().findFirst();
    }

    @Override
    public void revoke(String tokenHash) {
        jdbc.update("DELETE FROM access_tokens WHERE token_hash = ?", tokenHash);
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM access_tokens WHERE expires_at <= ?", Columns.timestamp(now));
    }
}
