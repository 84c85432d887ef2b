package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;

/**
 * Intake takes no tickets that routing could not take up soon: while more than
 * {@code switchboard.routing.backlog-limit} stored tickets wait for routing, it answers 503 with
 * {@code Retry-After} and stores nothing; once routing has caught up it takes them again.
 */
@Import(RoutingBacklogTest.HeldRouting.class)
@TestPropertySource(properties = "switchboard.routing.backlog-limit=2")
class RoutingBacklogTest extends AppTest {

    /** Routing's first step (its recovery at start) waits for this: what intake stores meanwhile piles up. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @TestConfiguration
    static class HeldRouting {
        @Bean
        static BeanPostProcessor holdRoutingAtItsFirstStep() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof Assignments real ? new HeldAssignments(real) : bean;
                }
            };
        }
    }

    private record HeldAssignments(Assignments real) implements Assignments {
        @Override
        public void record(List<Change> changes) {
            real.record(changes);
        }

        @Override
        public List<Unfinished> unfinished() {
            try {
                RELEASE.await(60, TimeUnit.SECONDS); // never a test's hang: the context closes either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.unfinished();
        }
    }

    @AfterAll
    static void letRoutingGo() {
        RELEASE.countDown();
    }

    private Api.Response post(String word) {
        return api().post("/api/v1/tickets", "{\"channel\":\"api\",\"customer\":{\"id\":\"backlog-" + word
                + "\"},\"subject\":\"" + word + "\",\"body\":\"the invoice for " + word + " is wrong\"}");
    }

    private double backlogGauge() {
        return metric("switchboard_routing_backlog ");
    }

    @Test
    void intakeAnswers503WhileRoutingIsBehindAndTakesTicketsAgainOnceItCaughtUp() {
        // Routing is held at its first step: each stored ticket waits to be taken up.
        assertThat(post("alpha").status()).isEqualTo(202);
        assertThat(post("bravo").status()).isEqualTo(202);
        assertThat(post("charlie").status()).as("two wait: at the limit, not over it").isEqualTo(202);
        assertThat(backlogGauge()).isEqualTo(3.0);

        Api.Response refused = post("delta");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("detail").asString())
                .contains("routing is behind", "3 tickets wait", "switchboard.routing.backlog-limit is 2");
        assertThat(api().get("/api/v1/tickets?q=delta", admin()).json().get("items")).as("nothing stored").isEmpty();

        RELEASE.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(backlogGauge()).isZero());
        assertThat(post("delta").status()).isEqualTo(202);
        assertThat(api().get("/api/v1/tickets?q=delta", admin()).json().get("items")).hasSize(1);
    }
}
