package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.learning.ModelRegistry;
import dev.switchboard.learning.ModelStatus;
import dev.switchboard.learning.ModelVersion;

/** Model versions and what happened to them, in a relational database. */
public class JdbcModelRegistry implements ModelRegistry {

    private static final String COLUMNS = "version, status, share_percent, stage, stage_started_at, training_examples,"
            + " held_out_examples, macro_f1, accuracy, baseline_macro_f1, trigger_reason, created_at, updated_at";

    private final JdbcTemplate jdbc;

    JdbcModelRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ModelVersion> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM models ORDER BY created_at DESC, version DESC", JdbcModelRegistry::version);
    }

    @Override
    public Optional<ModelVersion> find(String version) {
        return jdbc.query("SELECT " + COLUMNS + " FROM models WHERE version = ?", JdbcModelRegistry::version, version)
                .stream().findFirst();
    }

    @Override
    public void save(ModelVersion v) {
        Object[] state = {v.status().name(), v.sharePercent(), v.stage(), v.stageStartedAt().map(Columns::timestamp).orElse(null),
                Columns.timestamp(v.updatedAt()), v.version()};
        int updated = jdbc.update("UPDATE models SET status = ?, share_percent = ?, stage = ?, stage_started_at = ?, updated_at = ?"
                + " WHERE version = ?", state);
        if (updated == 0) {
            jdbc.update("INSERT INTO models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    v.version(), v.status().name(), v.sharePercent(), v.stage(), v.stageStartedAt().map(Columns::timestamp).orElse(null),
                    v.trainingExamples(), v.heldOutExamples(), v.macroF1(), v.accuracy(), v.baselineMacroF1().orElse(null),
                    v.trigger(), Columns.timestamp(v.createdAt()), Columns.timestamp(v.updatedAt()));
        }
    }

    @Override
    public void record(String version, String type, String detail, Instant at) {
        jdbc.update("INSERT INTO model_events (version, type, detail, occurred_at) VALUES (?, ?, ?, ?)", version, type,
                detail.length() > 2000 ? detail.substring(0, 2000) : detail, Columns.timestamp(at));
    }

    @Override
    public List<Event> events(int limit) {
        return jdbc.query("SELECT version, type, detail, occurred_at FROM model_events ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                (rs, n) -> new Event(rs.getString("version"), rs.getString("type"), rs.getString("detail"),
                        Columns.instant(rs, "occurred_at")), limit);
    }

    private static ModelVersion version(ResultSet rs, int row) throws SQLException {
        Optional<Instant> stageStartedAt = rs.getObject("stage_started_at") == null ? Optional.empty()
                : Optional.of(Columns.instant(rs, "stage_started_at"));
        double baseline = rs.getDouble("baseline_macro_f1");
        Optional<Double> baselineMacroF1 = rs.wasNull() ? Optional.empty() : Optional.of(baseline);
        return new ModelVersion(rs.getString("version"), ModelStatus.valueOf(rs.getString("status")), rs.getInt("share_percent"),
                rs.getInt("stage"), stageStartedAt,
                rs.getInt("training_examples"), rs.getInt("held_out_examples"), rs.getDouble("macro_f1"), rs.getDouble("accuracy"),
                baselineMacroF1, rs.getString("trigger_reason"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
