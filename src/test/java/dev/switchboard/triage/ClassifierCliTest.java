package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.support.SyntheticTickets;
import dev.switchboard.triage.classifier.LabeledText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClassifierCliTest {

    @TempDir
    static Path folder;
    static Path csv;
    static Path jsonl;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ClassifierCli cli = new ClassifierCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void writeData() throws IOException {
        List<LabeledText> examples = SyntheticTickets.generate(100, 3);
        StringBuilder text = new StringBuilder("subject,body,queue\n");
        StringBuilder lines = new StringBuilder();
        for (LabeledText e : examples) {
            String[] words = e.text().split(" ", 2);
            text.append(words[0]).append(",\"").append(words[1]).append("\",").append(e.label()).append('\n');
            lines.append("{\"subject\":\"").append(words[0]).append("\",\"body\":\"").append(words[1])
                    .append("\",\"queue\":\"").append(e.label()).append("\"}\n");
        }
        text.append(",,billing\n"); // no text: skipped
        csv = Files.writeString(folder.resolve("tickets.csv"), text);
        jsonl = Files.writeString(folder.resolve("tickets.jsonl"), lines);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainThenEvaluateAsJsonOnTheHeldOutPart() {
        Path model = folder.resolve("model.zip");

        int trained = cli.run("train", "--data", csv.toString(), "--text-columns", "subject,body", "--label-column", "queue",
                "--out", model.toString(), "--holdout", "0.2", "--seed", "13");
        out.reset();
        int evaluated = cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--text-columns",
                "subject,body", "--label-column", "queue", "--holdout", "0.2", "--seed", "13", "--json");

        assertThat(trained).isZero();
        assertThat(evaluated).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[train]").contains("skipped 1 rows");
        JsonNode figures = JsonMapper.builder().build().readTree(out());
        assertThat(figures.get("examples").asInt()).isEqualTo(100);
        for (String field : List.of("accuracy", "macro_f1", "coverage_at_threshold", "accuracy_at_threshold", "ece")) {
            assertThat(figures.get(field).asDouble()).as(field).isBetween(0.0, 1.0);
        }
        assertThat(figures.get("accuracy").asDouble()).isGreaterThan(0.8);
    }

    @Test
    void evaluateWithoutJsonPrintsTheClassTableAndTheConfusionMatrix() {
        Path model = folder.resolve("model-jsonl.zip");
        cli.run("train", "--data", jsonl.toString(), "--text-columns", "subject,body", "--label-column", "queue",
                "--out", model.toString(), "--features", "words");
        out.reset();

        int code = cli.run("evaluate", "--model", model.toString(), "--data", jsonl.toString(), "--text-columns",
                "subject,body", "--label-column", "queue");

        assertThat(code).isZero();
        assertThat(out()).contains("macro-F1").contains("precision").contains("confusion").contains("feature_request");
    }

    @Test
    void itTrainsOnResolvedTicketsInTheDatabase() throws Exception {
        String url = "jdbc:h2:mem:resolved-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (var c = java.sql.DriverManager.getConnection(url, "sa", ""); var s = c.createStatement()) {
            s.execute("CREATE TABLE tickets (id VARCHAR(26), subject VARCHAR(200), body VARCHAR(1000), category VARCHAR(100))");
            s.execute("CREATE TABLE ticket_states (ticket_id VARCHAR(26), status VARCHAR(16))");
            int i = 0;
            for (LabeledText e : SyntheticTickets.generate(60, 5)) {
                s.execute("INSERT INTO tickets VALUES ('" + i + "', '', '" + e.text() + "', '" + e.label() + "')");
                s.execute("INSERT INTO ticket_states VALUES ('" + (i++) + "', 'RESOLVED')");
            }
            s.execute("INSERT INTO tickets VALUES ('x', '', 'still open', 'bug')");
            s.execute("INSERT INTO ticket_states VALUES ('x', 'QUEUED')");
        }
        Path model = folder.resolve("from-db.zip");

        int code = cli.run("train", "--database", url, "--database-user", "sa", "--out", model.toString());

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("read 300 resolved tickets");
        assertThat(dev.switchboard.triage.classifier.ModelFiles.load(model).info().training().source()).isEqualTo("database");
    }

    @Test
    void mistakesAreExplainedWithExitCode2() {
        assertThat(cli.run("train", "--data", csv.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--text-columns is required");
        assertThat(cli.run("train", "--data", csv.toString(), "--text-columns", "nope", "--label-column", "queue",
                "--out", folder.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no column nope");
        assertThat(cli.run("evaluate", "--model", folder.resolve("missing.zip").toString(), "--data", csv.toString(),
                "--text-columns", "body", "--label-column", "queue")).isEqualTo(2);
    }
    @Test
    void draftedRulesAreAValidRuleSetThatTellsTheCategoriesApart() throws IOException {
        Path rules = folder.resolve("rules.yml");

        int drafted = cli.run("draft-rules", "--data", csv.toString(), "--text-columns", "subject,body", "--label-column", "queue",
                "--out", rules.toString(), "--holdout", "0.2", "--seed", "13");

        assertThat(drafted).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String yaml = Files.readString(rules);
        var set = dev.switchboard.triage.rules.RuleSetParser.parse(yaml);
        assertThat(set.rules()).hasSizeGreaterThanOrEqualTo(4).allMatch(r -> !r.overridesModel());
        assertThat(yaml).contains("category: \"billing\"");
        assertThat(out()).containsPattern("rules alone on \\d+ held-out tickets: decide [0-9.]+ %, right on [0-9.]+ %");
    }
}
