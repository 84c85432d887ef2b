package dev.switchboard.store;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.routing.RoutingWeights;
import dev.switchboard.routing.WeightSettings;

/** Routing weights in a relational database: one row per change, the newest in force. */
public class JdbcWeightSettings implements WeightSettings {

    private final JdbcTemplate jdbc;

    JdbcWeightSettings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RoutingWeights> latest() {
        return jdbc.query("SELECT skill, region, idle FROM routing_weights ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new RoutingWeights(rs.getDouble("skill"), rs.getDouble("region"), rs.getDouble("idle")))
                .stream().findFirst();
    }

    @Override
    public void save(RoutingWeights weights, String by, Instant at) {
        jdbc.update("INSERT INTO routing_weights (skill, region, idle, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                weights.skill(), weights.region(), weights.idle(), by, Columns.timestamp(at));
    }
}
