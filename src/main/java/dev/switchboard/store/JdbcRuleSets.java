package dev.switchboard.store;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import dev.switchboard.triage.RuleSets;

/** Admins' triage rule sets in a relational database. */
public class JdbcRuleSets implements RuleSets {

    private final JdbcTemplate jdbc;

    JdbcRuleSets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Stored> latest() {
        return jdbc.query("SELECT version, yaml, created_by, created_at FROM triage_rule_sets ORDER BY version DESC"
                        + " FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new Stored(rs.getLong("version"), rs.getString("yaml"), rs.getString("created_by"),
                        Columns.instant(rs, "created_at"))).stream().findFirst();
    }

    @Override
    public Stored save(String yaml, String createdBy, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(
                    "INSERT INTO triage_rule_sets (yaml, created_by, created_at) VALUES (?, ?, ?)", new String[] {"version"});
            ps.setString(1, yaml);
            ps.setString(2, createdBy);
            ps.setObject(3, Columns.timestamp(at));
            return ps;
        }, keys);
        return new Stored(keys.getKey().longValue(), yaml, createdBy, at);
    }
}
