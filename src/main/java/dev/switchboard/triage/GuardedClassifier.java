package dev.switchboard.triage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the classifier's health. A call that throws, or takes longer than {@code timeout}, marks it
 * unhealthy for {@code coolDown}: meanwhile triage uses the fallback rules without calling it. After
 * the cool-down the next call tries it again (a circuit breaker's half-open state); one good answer
 * makes it healthy again. A model may also be absent (none trained yet): then triage is rules-only.
 */
public final class GuardedClassifier {

    private static final Logger log = LoggerFactory.getLogger(GuardedClassifier.class);

    /** What the guard says now. */
    public enum Health { HEALTHY, UNHEALTHY, ABSENT }

    private final Optional<TextClassifier> model;
    private final Duration timeout;
    private final Duration coolDown;
    private final Clock clock;
    private volatile Instant unhealthyUntil = Instant.MIN;
    private volatile String lastFailure = "";

    public GuardedClassifier(Optional<TextClassifier> model, Duration timeout, Duration coolDown, Clock clock) {
        this.model = model;
        this.timeout = timeout;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** The model's prediction, or empty when there is no model, it is cooling down, or it failed now. */
    public Optional<Prediction> classify(String text) {
        Optional<TextClassifier> current = model;
        if (current.isEmpty() || clock.instant().isBefore(unhealthyUntil)) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try {
            Prediction prediction = current.get().classify(text);
            long tookNanos = System.nanoTime() - started;
            if (tookNanos > timeout.toNanos()) {
                markUnhealthy("took " + tookNanos / 1_000_000 + " ms, over the " + timeout.toMillis() + " ms limit");
                return Optional.empty();
            }
            unhealthyUntil = Instant.MIN;
            return Optional.of(prediction);
        } catch (RuntimeException failure) {
            markUnhealthy(failure.toString());
            log.warn("classifier failed; triage falls back to rules for {}", coolDown, failure);
            return Optional.empty();
        }
    }

    public Health health() {
        if (model.isEmpty()) {
            return Health.ABSENT;
        }
        return clock.instant().isBefore(unhealthyUntil) ? Health.UNHEALTHY : Health.HEALTHY;
    }

    /** The model's figures on held-out data, as it was saved with them. */
    public Optional<dev.switchboard.triage.classifier.Evaluation.Figures> evaluation() {
        return model.flatMap(TextClassifier::evaluation);
    }

    public Optional<String> version() {
        return model.map(TextClassifier::version);
    }

    public String lastFailure() {
        return lastFailure;
    }

    private void markUnhealthy(String why) {
        lastFailure = why;
        unhealthyUntil = clock.instant().plus(coolDown);
    }
}
