package dev.switchboard.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Scheduled;

import dev.switchboard.triage.TriageStage;
import dev.switchboard.web.ProblemWriter;
import dev.switchboard.web.RateLimiter;
import dev.switchboard.web.RequestSizeLimitFilter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Wires the intake: checks, group commit, rate and size limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntakeProperties.class, RateLimitProperties.class})
public class IntakeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

    @Bean
    GroupCommitter groupCommitter(IntakeJournal journal, dev.switchboard.backbone.Backbone backbone, IntakeProperties properties,
                                  MeterRegistry meters) {
        return new GroupCommitter(journal, backbone::queued, properties, meters);
    }

    @Bean
    IntakeMetrics intakeMetrics(MeterRegistry meters) {
        return new IntakeMetrics(meters);
    }

    @Bean
    TicketIntake ticketIntake(TriageStage triage, GroupCommitter committer, ObjectMapper json,
                              RateLimitProperties rateLimits, IntakeProperties properties, Clock clock,
                              IntakeMetrics metrics, dev.switchboard.backbone.Backbone backbone) {
        // Sorted map keys: equal requests give equal bytes, hence equal idempotency fingerprints.
        ObjectMapper canonical = ((JsonMapper) json).rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        SubmissionValidator validator = new SubmissionValidator(properties,
                metadata -> canonical.writeValueAsBytes(metadata).length);
        RateLimiter rateLimiter = new RateLimiter(rateLimits.trackedCallers(),
                max(rateLimits.publicPeriod(), Duration.ofMinutes(1)));
        return new TicketIntake(validator, triage, committer, canonical, rateLimiter, rateLimits, properties, clock, metrics,
                backbone::available, backbone::behind);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(IntakeProperties properties,
                                                                          ProblemWriter problems,
                                                                          java.util.List<RequestSizeLimitFilter.PathLimit> others) {
        Map<String, Long> limits = new java.util.HashMap<>();
        others.forEach(limit -> limits.put(limit.path(), limit.bytes()));
        limits.put("/api/v1/tickets/batch", properties.batchMaxRequestSize().toBytes());
        var filter = new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(), limits, problems);
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    IdempotencyKeyJanitor idempotencyKeyJanitor(IntakeJournal journal, IntakeProperties properties, Clock clock) {
        return new IdempotencyKeyJanitor(journal, properties.idempotencyKeyTtl(), clock);
    }

    /** Forgets idempotency keys older than their time to live, so the table does not grow forever. */
    static final class IdempotencyKeyJanitor {
        private final IntakeJournal journal;
        private final Duration ttl;
        private final Clock clock;

        IdempotencyKeyJanitor(IntakeJournal journal, Duration ttl, Clock clock) {
            this.journal = journal;
            this.ttl = ttl;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${switchboard.intake.idempotency-key-purge-interval:1h}", initialDelayString = "1m")
        void purge() {
            int forgotten = journal.forgetKeysBefore(clock.instant().minus(ttl));
            if (forgotten > 0) {
                log.info("forgot {} idempotency keys older than {}", forgotten, ttl);
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
