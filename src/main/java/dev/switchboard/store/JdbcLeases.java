package dev.switchboard.store;

import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.backbone.Leases;

/**
 * Leases in a relational database (table {@code leases}): taking or renewing one is a single conditional
 * update, or an insert when the lease was never taken; of two nodes racing, the database lets one win.
 */
public class JdbcLeases implements Leases {

    private final JdbcTemplate jdbc;

    JdbcLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean hold(String name, String holder, Instant until, Instant now) {
        int renewed = jdbc.update("UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR expires_at <= ?)",
                holder, Columns.timestamp(until), name, holder, Columns.timestamp(now));
        if (renewed == 1) {
            return true;
        }
        try { // never taken yet; when another holder's lease runs, its row is there and this fails
            return jdbc.update("INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)",
                    name, holder, Columns.timestamp(until)) == 1;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    @Override
    public Optional<String> holder(String name, Instant now) {
        return jdbc.query("SELECT holder FROM leases WHERE name = ? AND expires_at > ?", (rs, n) -> rs.getString(1),
                name, Columns.timestamp(now)).stream().findFirst();
    }

    @Override
    public void release(String name, String holder) {
        jdbc.update("DELETE FROM leases WHERE name = ? AND holder = ?", name, holder);
    }
}
