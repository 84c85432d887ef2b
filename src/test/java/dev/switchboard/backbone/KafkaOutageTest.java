package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;

/**
 * The broker goes away under a node on the Kafka backbone: readiness turns down, intake answers 503
 * with Retry-After and stores nothing; the metrics carry the consumers' lag.
 */
@DirtiesContext
class KafkaOutageTest extends AppTest {

    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 3);

    static {
        BROKER.afterPropertiesSet();
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("switchboard.backbone", () -> "kafka");
        registry.add("spring.kafka.bootstrap-servers", BROKER::getBrokersAsString);
        registry.add("switchboard.backbone.partitions", () -> "3");
    }

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }

    private String ticket(String word) {
        return """
                {"channel":"chat","customer":{"id":"c-%s"},"body":"the site is down %s"}""".formatted(word, word);
    }

    @Test
    void withoutTheBrokerIntakeAnswers503AndStoresNothing() {
        String before = "w" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().post("/api/v1/tickets", ticket(before)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/actuator/health/readiness").status() == 200);
        assertThat(api().get("/actuator/prometheus").text()).contains("kafka_consumer_fetch_manager_records_lag");

        BROKER.destroy();

        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/actuator/health/readiness").status() == 503);
        String during = "w" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response refused = api().post("/api/v1/tickets", ticket(during));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.json().get("detail").asString()).contains("Kafka");
        assertThat(api().get("/api/v1/tickets?q=" + during, admin()).json().get("items")).as("nothing half-written").isEmpty();
        assertThat(api().get("/api/v1/tickets?q=" + before, admin()).json().get("items")).hasSize(1);

        Api.Response letters = api().get("/api/v1/backbone/dead-letters", admin());
        assertThat(letters.status()).as("the dead letters are the broker's: " + letters.text()).isEqualTo(503);
        assertThat(letters.header("Retry-After")).isEqualTo("5");
    }
}
