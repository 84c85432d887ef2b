package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;

/**
 * A person's change made on this node to a ticket of a team another node routes: that node hears of it
 * on the triaged topic (keyed by the team), so that its routing follows the change. The other node is a
 * consumer of the routing group that takes some of its partitions, and reads what arrives for them.
 */
@DirtiesContext
@EmbeddedKafka(partitions = 3)
@TestPropertySource(properties = {"switchboard.backbone=kafka", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "switchboard.backbone.partitions=3", "switchboard.auth.sign-ins-per-minute=1000"})
class CrossNodeChangeTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaBackbone backbone;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aPersonsChangeToATicketAnotherNodeRoutesReachesThatNode() {
        List<ConsumerRecord<String, String>> heardByZ = new ArrayList<>();
        try (KafkaConsumer<String, String> nodeZ = OtherNode.inTheRoutingGroup(brokers, "node-z")) {
            nodeZ.subscribe(List.of(backbone.triagedTopic(), backbone.presenceTopic()));
            await().atMost(WAIT).until(() -> {
                nodeZ.poll(Duration.ofMillis(100)).forEach(heardByZ::add);
                Set<Integer> z = partitionsOf(nodeZ);
                return !z.isEmpty() && backbone.routedPartitions().stream().noneMatch(z::contains)
                        && backbone.routedPartitions().size() + z.size() == 3;
            });
            Set<Integer> z = partitionsOf(nodeZ);
            assertThat(api().get("/api/v1/backbone", admin()).json().get("routedPartitions").toString())
                    .as("this node's partitions, as admins see them").isEqualTo(backbone.routedPartitions().toString().replace(" ", ""));

            RoutedTeam team = new RoutedTeam(api(), admin(), name -> z.contains(KafkaBackbone.partitionOf(name, 3)));
            String ticket = team.postTicket();
            String etag = api().get("/api/v1/tickets/" + ticket, admin()).header("ETag");
            Api.Response resolved = api().send("PATCH", "/api/v1/tickets/" + ticket, "application/json",
                    "{\"status\":\"resolved\"}", Api.join(admin(), "If-Match", etag));
            assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);

            await().atMost(WAIT).until(() -> {
                nodeZ.poll(Duration.ofMillis(100)).forEach(heardByZ::add);
                return heardByZ.stream().anyMatch(r -> r.value().contains("\"changed\":\"" + ticket + "\""));
            });
            ConsumerRecord<String, String> changed = heardByZ.stream()
                    .filter(r -> r.value().contains("\"changed\":\"" + ticket + "\"")).findFirst().orElseThrow();
            assertThat(changed.key()).isEqualTo(team.name());
            assertThat(changed.topic()).isEqualTo(backbone.triagedTopic());
            assertThat(heardByZ).as("the ticket's own queued message went to node z too")
                    .anySatisfy(r -> assertThat(r.value()).contains("\"tickets\":[\"" + ticket + "\"]"));
        }
    }

    private Set<Integer> partitionsOf(KafkaConsumer<String, String> consumer) {
        return consumer.assignment().stream().filter(p -> p.topic().equals(backbone.triagedTopic()))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }
}
