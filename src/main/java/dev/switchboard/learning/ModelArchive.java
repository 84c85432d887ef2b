package dev.switchboard.learning;

import dev.switchboard.triage.TextClassifier;

/** Where model versions are kept, to serve them again after a restart or on another node. */
public interface ModelArchive {

    void save(TextClassifier model);

    TextClassifier load(String version);
}
