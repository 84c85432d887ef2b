package dev.switchboard.triage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Triage's health: {@code UP} with a model, {@code DEGRADED} (answered 200, not down) while the
 * classifier is unhealthy or absent and rules decide alone.
 */
public class TriageHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "rules decide while the classifier cannot");

    private final GuardedClassifier classifier;
    private final RuleBook rules;

    public TriageHealth(GuardedClassifier classifier, RuleBook rules) {
        this.classifier = classifier;
        this.rules = rules;
    }

    @Override
    public Health health() {
        Health.Builder health = switch (classifier.health()) {
            case HEALTHY -> Health.up();
            case UNHEALTHY -> Health.status(DEGRADED).withDetail("lastFailure", classifier.lastFailure());
            case ABSENT -> Health.status(DEGRADED).withDetail("reason", "no model trained yet");
        };
        return health.withDetail("classifier", classifier.health().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("model", classifier.version().orElse("none"))
                .withDetail("rules", rules.current().rules().rules().size())
                .withDetail("rulesVersion", rules.current().version())
                .build();
    }
}
