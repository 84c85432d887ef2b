package dev.switchboard.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When more than {@code threshold} of the predictions in the last {@code window} fell below the
 * confidence threshold (with at least {@code minPredictions} to judge by), the tickets have drifted from
 * what the model learned: a retrain starts, at most once per {@code coolDown}.
 */
public record DriftWatch(double threshold, Duration window, long minPredictions, Duration coolDown) {

    /** Whether to retrain now, given the window's figures and when drift last started a retrain. */
    public boolean drifted(LiveFigures recent, Optional<Instant> lastDriftRetrain, Instant now) {
        if (recent.decided() < minPredictions || recent.lowConfidenceRate() <= threshold) {
            return false;
        }
        return lastDriftRetrain.map(last -> !now.isBefore(last.plus(coolDown))).orElse(true);
    }
}
