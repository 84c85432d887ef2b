package dev.switchboard.triage;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.switchboard.routing.Teams;
import dev.switchboard.ticket.Priority;
import dev.switchboard.triage.classifier.ModelFiles;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires triage: rules, the classifier behind its guard, the tone model, the priority policy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TriageProperties.class)
public class TriageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TriageConfiguration.class);

    @Bean
    RuleBook ruleBook(RuleSets stored, TriageProperties properties, Clock clock) {
        return new RuleBook(stored, properties.startingRules(), clock);
    }

    @Bean
    GuardedClassifier guardedClassifier(TriageProperties properties, Clock clock) {
        Optional<TextClassifier> model = Optional.empty();
        if (Files.exists(properties.modelFile())) {
            model = Optional.of(ModelFiles.load(properties.modelFile()));
            log.info("triage model {} loaded from {}", model.get().version(), properties.modelFile());
        } else {
            log.warn("no triage model at {}: rules decide alone until one is trained (see README, 'train')",
                    properties.modelFile());
        }
        return new GuardedClassifier(model, properties.classifierTimeout(), properties.classifierCoolDown(), clock);
    }

    @Bean
    ToneDetector toneDetector(TriageProperties properties, Clock clock) {
        return ToneDetector.bundled(clock, properties.toneThreshold());
    }

    @Bean
    TeamDirectory teamDirectory(Teams teams, TriageProperties properties) {
        return new TeamDirectory(teams, properties.teams());
    }

    @Bean
    TriageStage triageStage(RuleBook rules, GuardedClassifier classifier, ToneDetector tone, TeamDirectory teams,
                            TriageProperties properties, MeterRegistry meters) {
        PriorityPolicy priorities = new PriorityPolicy(properties.priorities(), Priority.P3);
        Triage triage = new Triage(rules, classifier, tone, priorities, teams, properties.generalistTeam(),
                properties.threshold());
        return new TriageStage(triage, meters);
    }

    @Bean
    TriageHealth triageHealthIndicator(GuardedClassifier classifier, RuleBook rules) {
        return new TriageHealth(classifier, rules);
    }
}
