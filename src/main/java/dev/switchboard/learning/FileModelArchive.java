package dev.switchboard.learning;

import java.nio.file.Path;

import dev.switchboard.triage.TextClassifier;
import dev.switchboard.triage.classifier.LinearTextClassifier;
import dev.switchboard.triage.classifier.ModelFiles;

/**
 * Model versions as files, {@code <dir>/<version>.zip}, in the format the {@code train} command writes.
 * Every node of a scale-out deployment reads the same folder.
 */
final class FileModelArchive implements ModelArchive {

    private final Path dir;

    FileModelArchive(Path dir) {
        this.dir = dir;
    }

    @Override
    public void save(TextClassifier model) {
        if (!(model instanceof LinearTextClassifier linear)) {
            throw new IllegalArgumentException("only linear text classifiers are kept as files, not " + model.getClass());
        }
        ModelFiles.save(linear, file(model.version()));
    }

    @Override
    public TextClassifier load(String version) {
        return ModelFiles.load(file(version));
    }

    private Path file(String version) {
        if (!version.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a model version: " + version);
        }
        return dir.resolve(version + ".zip");
    }
}
