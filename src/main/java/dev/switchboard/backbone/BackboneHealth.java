package dev.switchboard.backbone;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The backbone in the health groups (readiness includes it): in this process it is always up; on Kafka
 * it is down while the cluster does not answer, so that a load balancer sends no traffic to a node that
 * would answer 503.
 */
public class BackboneHealth implements HealthIndicator {

    private final Backbone backbone;

    public BackboneHealth(Backbone backbone) {
        this.backbone = backbone;
    }

    @Override
    public Health health() {
        Health.Builder health = backbone.available() ? Health.up() : Health.down();
        health.withDetail("backbone", backbone instanceof KafkaBackbone ? "kafka" : "in-process").withDetail("node", backbone.node());
        if (backbone instanceof KafkaBackbone kafka && !kafka.available()) {
            health.withDetail("problem", kafka.problem());
        }
        return health.build();
    }
}
