package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import dev.switchboard.support.StreamClient;

/**
 * On the Kafka backbone the routing consumer waits for a poll's effects to be stored before its next
 * poll. Changes nobody waits on are stored with the next offer or after routing's write delay (an hour
 * here); an agent's acknowledgement and resolution, which the consumer does wait on, are stored at once,
 * and the messages behind them are not held up.
 */
@DirtiesContext
@EmbeddedKafka(partitions = 3)
@TestPropertySource(properties = {"switchboard.backbone=kafka", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "switchboard.backbone.partitions=3", "switchboard.auth.sign-ins-per-minute=1000", "switchboard.routing.write-delay=1h"})
class KafkaRoutingCommitTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void whatTheRoutingConsumerWaitsOnIsStoredWithoutTheWriteDelay() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        try (StreamClient al = StreamClient.connect(port, team.agent("al"))) {
            al.next("welcome", WAIT);
            String first = team.postTicket();
            assertThat(al.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(first);
            al.ack(first);
            al.send("{\"type\":\"resolve\",\"ticketId\":\"" + first + "\"}");
            await().atMost(WAIT).until(() -> team.ticket(first).get("status").asString().equals("resolved"));

            String second = team.postTicket(); // on the same partition, behind the resolution
            assertThat(al.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(second);
        }
    }
}
