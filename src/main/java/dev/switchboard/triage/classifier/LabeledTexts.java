package dev.switchboard.triage.classifier;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads labeled examples from a CSV file with a header row, or from JSON Lines ({@code .jsonl},
 * {@code .ndjson}): the text is the named columns joined by line breaks, the label one column.
 * Rows without text or label are skipped and counted.
 */
public final class LabeledTexts {

    /** @param skipped rows left out because their text or label was empty */
    public record Loaded(List<LabeledText> examples, int skipped) {
    }

    private LabeledTexts() {
    }

    public static Loaded read(Path file, List<String> textColumns, String labelColumn) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.getFileName().toString(), textColumns, labelColumn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads from {@code reader}; {@code name} (a file name) says whether it is CSV or JSON Lines. */
    public static Loaded read(Reader reader, String name, List<String> textColumns, String labelColumn) {
        if (textColumns.isEmpty()) {
            throw new IllegalArgumentException("name at least one text column");
        }
        try (MappingIterator<Map<String, Object>> rows = rows(name, reader)) {
            List<LabeledText> examples = new ArrayList<>();
            int skipped = 0;
            int line = 0;
            while (rows.hasNextValue()) {
                Map<String, Object> row = rows.nextValue();
                if (line++ == 0) {
                    requireColumns(name, row, textColumns, labelColumn);
                }
                String text = textColumns.stream().map(c -> Objects.toString(row.get(c), "").strip())
                        .filter(s -> !s.isEmpty()).collect(Collectors.joining("\n"));
                String label = Objects.toString(row.get(labelColumn), "").strip();
                if (text.isEmpty() || label.isEmpty()) {
                    skipped++;
                } else {
                    examples.add(new LabeledText(text, label));
                }
            }
            return new Loaded(List.copyOf(examples), skipped);
        }
    }

    /**
     * Resolved (or closed) tickets with the category they ended with, read from Switchboard's own
     * database: subject and body as the text, the final category (an agent's correction included) as the label.
     */
    public static Loaded fromDatabase(String jdbcUrl, String user, String password) {
        String sql = "SELECT t.subject, t.body, t.category FROM tickets t JOIN ticket_states s ON s.ticket_id = t.id"
                + " WHERE s.status IN ('RESOLVED', 'CLOSED') AND t.category IS NOT NULL ORDER BY t.id";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, password);
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            List<LabeledText> examples = new ArrayList<>();
            while (rs.next()) {
                String subject = Objects.toString(rs.getString(1), "").strip();
                String body = Objects.toString(rs.getString(2), "").strip();
                examples.add(new LabeledText(subject.isEmpty() ? body : subject + "\n" + body, rs.getString(3)));
            }
            return new Loaded(List.copyOf(examples), 0);
        } catch (java.sql.SQLException e) {
            throw new IllegalArgumentException("cannot read resolved tickets from " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static MappingIterator<Map<String, Object>> rows(String fileName, Reader reader) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JsonMapper.builder().build().readerFor(Map.class).readValues(reader);
        }
        return CsvMapper.builder().build().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(reader);
    }

    private static void requireColumns(String file, Map<String, Object> row, List<String> textColumns, String labelColumn) {
        List<String> missing = new ArrayList<>(textColumns);
        missing.add(labelColumn);
        missing.removeIf(row::containsKey);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + " has no column " + String.join(", ", missing)
                    + "; its columns are " + String.join(", ", row.keySet()));
        }
    }
}
