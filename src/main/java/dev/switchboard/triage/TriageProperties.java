package dev.switchboard.triage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.switchboard.ticket.Priority;

/**
 * Triage settings ({@code switchboard.triage.*}).
 *
 * @param threshold          below this calibrated confidence a ticket needs human review and goes to the generalist team
 * @param modelFile          the classifier to load at start ({@code <data-dir>/model.zip}); while there is no such file, rules only
 * @param rulesFile          the rules to start with when no admin has stored any; absent: the bundled defaults
 * @param priorities         priority by category (defaults in application.yml); others get P3
 * @param teams              team by category (defaults in application.yml); others go to {@code generalistTeam}
 * @param classifierTimeout  a classification slower than this marks the classifier unhealthy
 * @param classifierCoolDown how long an unhealthy classifier is left alone before it is tried again
 * @param toneThreshold      how sure the tone model must be before the wording moves a priority
 * @param rulesRefresh       how often a node looks for a rule set stored by another node
 * @param duplicateWindow    a ticket from the same customer in the same category within this time of an open
 *                           ticket's last activity joins it as a message
 */
@ConfigurationProperties("switchboard.triage")
public record TriageProperties(
        @DefaultValue("0.72") double threshold,
        Path modelFile,
        Path rulesFile,
        Map<String, Priority> priorities,
        Map<String, String> teams,
        @DefaultValue("general") String generalistTeam,
        @DefaultValue("50ms") Duration classifierTimeout,
        @DefaultValue("30s") Duration classifierCoolDown,
        @DefaultValue("0.8") double toneThreshold,
        @DefaultValue("10s") Duration rulesRefresh,
        @DefaultValue("5m") Duration duplicateWindow) {

    /**
     * The rules file, when one is set. (A record component of type {@code Optional<Path>} cannot be bound
     * from a property: the setting was refused at start until it became a plain, nullable {@code Path}.)
     */
    public Optional<Path> startingRules() {
        return Optional.ofNullable(rulesFile);
    }

    public TriageProperties {
        priorities = priorities == null ? Map.of() : Map.copyOf(priorities);
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("switchboard.triage.threshold must be between 0 and 1, not " + threshold);
        }
        if (!(toneThreshold >= 0 && toneThreshold <= 1)) {
            throw new IllegalArgumentException("switchboard.triage.tone-threshold must be between 0 and 1, not " + toneThreshold);
        }
    }
}
