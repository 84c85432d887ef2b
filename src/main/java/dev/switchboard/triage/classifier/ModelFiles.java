package dev.switchboard.triage.classifier;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model as one file: a zip of {@code model.json} (version, training date, labels, calibration,
 * evaluation figures), {@code vocabulary.tsv} (block, index, IDF and term per line) and
 * {@code liblinear.model} (liblinear's own text format). Written to a temporary file and moved into
 * place, so a reader never sees half a model.
 */
public final class ModelFiles {

    private static final String INFO = "model.json";
    private static final String VOCABULARY = "vocabulary.tsv";
    private static final String WEIGHTS = "liblinear.model";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelFiles() {
    }

    public static void save(LinearTextClassifier classifier, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temporary))) {
                zip.putNextEntry(new ZipEntry(INFO));
                zip.write(JSON.writeValueAsBytes(classifier.info()));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(VOCABULARY));
                Writer vocabulary = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                StringBuilder line = new StringBuilder();
                classifier.features().forEachTerm((block, term, index, idf) -> {
                    line.setLength(0);
                    line.append(block).append('\t').append(index).append('\t').append(idf).append('\t').append(term).append('\n');
                    try {
                        vocabulary.write(line.toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                vocabulary.flush();
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(WEIGHTS));
                // liblinear closes the writer it is given, so the weights go through a buffer of their own.
                ByteArrayOutputStream weights = new ByteArrayOutputStream();
                Linear.saveModel(new OutputStreamWriter(weights, StandardCharsets.UTF_8), classifier.model());
                weights.writeTo(zip);
                zip.closeEntry();
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + file, e);
        }
    }

    public static LinearTextClassifier load(Path file) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + file, e);
        }
        for (String name : new String[] {INFO, VOCABULARY, WEIGHTS}) {
            if (!entries.containsKey(name)) {
                throw new IllegalArgumentException(file + " is not a Switchboard model: it has no " + name);
            }
        }
        ModelInfo info = JSON.readValue(entries.get(INFO), ModelInfo.class);
        try {
            Model model = Linear.loadModel(new InputStreamReader(new ByteArrayInputStream(entries.get(WEIGHTS)),
                    StandardCharsets.UTF_8));
            return new LinearTextClassifier(info, vocabulary(info.features(), entries.get(VOCABULARY)), model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weights of " + file, e);
        }
    }

    private static TextFeatures vocabulary(TextFeatures.Kind kind, byte[] tsv) throws IOException {
        Map<String, Integer> words = new HashMap<>();
        Map<String, Integer> chars = new HashMap<>();
        Map<Integer, Float> idf = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(tsv), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] parts = line.split("\t", 4);
                int index = Integer.parseInt(parts[1]);
                (parts[0].equals("w") ? words : chars).put(parts[3], index);
                idf.put(index, Float.parseFloat(parts[2]));
            }
        }
        float[] idfByIndex = new float[idf.size() + 1];
        idf.forEach((index, value) -> idfByIndex[index] = value);
        return new TextFeatures(kind, words, chars, idfByIndex);
    }
}
