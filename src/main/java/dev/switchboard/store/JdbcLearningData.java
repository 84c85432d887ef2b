package dev.switchboard.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.learning.LiveFigures;
import dev.switchboard.learning.ModelStats;
import dev.switchboard.learning.TrainingData;
import dev.switchboard.triage.classifier.LabeledText;

/**
 * What the learning loop reads from the tickets: resolved ones to train on (with the category they
 * ended with), and each model's live figures (the tickets it decided, misrouted, unsure), counted
 * through the {@code tickets_model} index.
 */
public class JdbcLearningData implements TrainingData, ModelStats {

    private final JdbcTemplate jdbc;

    JdbcLearningData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<LabeledText> resolved(int limit) {
        return jdbc.query("SELECT t.subject, t.body, t.category FROM " + JdbcTickets.WITH_STATES
                        + " WHERE s.status IN ('RESOLVED', 'CLOSED') AND t.category IS NOT NULL"
                        + " ORDER BY t.created_at DESC, t.id DESC FETCH FIRST ? ROWS ONLY",
                (rs, n) -> {
                    String subject = Objects.toString(rs.getString("subject"), "").strip();
                    String body = Objects.toString(rs.getString("body"), "").strip();
                    return new LabeledText(subject.isEmpty() ? body : subject + "\n" + body, rs.getString("category"));
                }, limit);
    }

    @Override
    public LiveFigures of(String version, Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*) AS decided,"
                        + " COALESCE(SUM(CASE WHEN misrouted THEN 1 ELSE 0 END), 0) AS misrouted,"
                        + " COALESCE(SUM(CASE WHEN needs_human_review THEN 1 ELSE 0 END), 0) AS unsure"
                        + " FROM tickets WHERE model_version = ? AND created_at >= ?",
                (rs, n) -> new LiveFigures(rs.getLong("decided"), rs.getLong("misrouted"), rs.getLong("unsure")),
                version, Columns.timestamp(since));
    }
}
