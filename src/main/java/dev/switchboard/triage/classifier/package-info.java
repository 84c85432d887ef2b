/**
 * The triage classifier: TF-IDF features, a linear SVM, calibration, evaluation, labeled data files.
 * Open to other modules as the {@code classifier} interface: the bench command replays the same
 * labeled files (and the same held-out split) that a model was trained and evaluated on.
 */
@org.springframework.modulith.NamedInterface("classifier")
package dev.switchboard.triage.classifier;
