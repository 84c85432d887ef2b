package dev.switchboard.learning;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

import dev.switchboard.triage.GuardedClassifier;
import dev.switchboard.triage.TriageProperties;
import dev.switchboard.triage.classifier.ClassifierTrainer;
import dev.switchboard.triage.classifier.LabeledText;
import dev.switchboard.triage.classifier.LabeledTexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LearningProperties.class)
public class LearningConfiguration {

    /** Something happened to a model (promoted, rolled back, drift): for notifiers to pass on. */
    public record ModelEvent(ModelRegistry.Event event) {
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService learningExecutor() {
        // One training at a time, on a thread below the pipeline's priority: triage and routing go first.
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("learning").daemon().priority(Thread.MIN_PRIORITY).factory());
    }

    @Bean
    LearningLoop learningLoop(ModelRegistry registry, ModelStats stats, TrainingData data, GuardedClassifier classifier,
                              LearningProperties properties, TriageProperties triage, ExecutorService learningExecutor,
                              Clock clock, ApplicationEventPublisher events, dev.switchboard.backbone.Leases leases,
                              dev.switchboard.backbone.Backbone backbone) {
        ClassifierTrainer trainer = new ClassifierTrainer(clock);
        List<LabeledText> imported = properties.importFile().isBlank() ? List.of()
                : LabeledTexts.read(java.nio.file.Path.of(properties.importFile()), properties.importTextColumns(),
                properties.importLabelColumn()).examples();
        return new LearningLoop(registry, stats, data, new FileModelArchive(properties.modelDir()),
                (examples, progress) -> trainer.train(examples, "resolved tickets", ClassifierTrainer.Options.defaults(), progress),
                classifier, properties, triage.threshold(), () -> imported, learningExecutor, clock,
                event -> events.publishEvent(new ModelEvent(event)), leases, backbone.node());
    }

    @Bean
    LearningTicker learningTicker(LearningLoop loop, MeterRegistry meters) {
        return new LearningTicker(loop, meters);
    }

    /** Starts the loop once the application is up, and ticks it; publishes its live figures as metrics. */
    static final class LearningTicker {
        private final LearningLoop loop;
        private final MultiGauge misrouteRate;
        private final MultiGauge lowConfidence;

        LearningTicker(LearningLoop loop, MeterRegistry meters) {
            this.loop = loop;
            this.misrouteRate = MultiGauge.builder("switchboard.learning.misroute.rate")
                    .description("Share of a model's tickets (last 24 h) a person moved to another category or team")
                    .register(meters);
            this.lowConfidence = MultiGauge.builder("switchboard.learning.low.confidence.ratio")
                    .description("Share of a model's predictions (last 24 h) below the confidence threshold")
                    .register(meters);
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            loop.start();
        }

        @Scheduled(fixedDelayString = "${switchboard.learning.tick-interval:1m}", initialDelayString = "${switchboard.learning.tick-interval:1m}")
        void tick() {
            loop.tick();
            var figures = loop.liveFigures();
            misrouteRate.register(figures.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("model", e.getKey()),
                    e.getValue().misrouteRate())).toList(), true);
            lowConfidence.register(figures.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("model", e.getKey()),
                    e.getValue().lowConfidenceRate())).toList(), true);
        }
    }
}
