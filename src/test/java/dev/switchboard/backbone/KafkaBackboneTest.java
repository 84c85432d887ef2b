package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;

/**
 * The Kafka backbone against the shared contract, on a real broker (Spring Kafka's embedded KRaft
 * broker), and what only it has: poison messages go to the dead letters and the rest flow on.
 */
class KafkaBackboneTest extends BackboneContract {

    private static final String PREFIX = "test" + UUID.randomUUID().toString().substring(0, 6) + ".";
    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaBackbone backbone;
    private static final Heard HEARD = new Heard();
    /** Tickets of this team make routing fail: a poison message. */
    private static final String POISON = "poison-team";
    private static final AtomicInteger POISONED_TRIES = new AtomicInteger();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        BackboneProperties properties = new BackboneProperties("node-a", PREFIX, 3, (short) 1, 3, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        backbone = new KafkaBackbone("node-a", new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaBackboneConfiguration.producerSettings(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                        properties))),
                new DefaultKafkaConsumerFactory<>(KafkaBackboneConfiguration.consumerSettings(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))),
                ids -> ids.stream().map(STORE::get).filter(java.util.Objects::nonNull).toList(), properties,
                Map.of("bootstrap.servers", broker.getBrokersAsString()));
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            admin.createTopics(backbone.topics(3, (short) 1)).all().get();
        }
        backbone.start();
        backbone.routeTo(new Backbone.RoutingInput() {
            @Override
            public void queued(List<Ticket> tickets) {
                if (tickets.stream().anyMatch(t -> t.classification().orElseThrow().team().equals(POISON))) {
                    POISONED_TRIES.incrementAndGet();
                    throw new IllegalStateException("routing cannot take this one");
                }
                HEARD.queued(tickets);
            }

            @Override
            public void signal(AgentSignal signal) {
                HEARD.signal(signal);
            }

            @Override
            public void changed(dev.switchboard.ticket.TicketId ticket, dev.switchboard.ticket.Actor by) {
                HEARD.changed(ticket, by);
            }
        });
        backbone.pushTo(HEARD);
        // The push group reads from the latest offset: wait until it has its partitions before the tests push.
        String probe = "probe-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            backbone.push(new Push(probe, "{}", Optional.empty()));
            return HEARD.pushes.stream().anyMatch(p -> p.agentId().equals(probe));
        });
    }

    @AfterAll
    static void stopBroker() {
        if (backbone != null) {
            backbone.stop();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Override
    Backbone backbone() {
        return backbone;
    }

    @Override
    Heard heard() {
        return HEARD;
    }

    @Test
    void aMessageRoutingKeepsFailingOnGoesToTheDeadLettersAndTheNextOnesFlow() {
        Ticket poison = Tickets.triaged("c-" + UUID.randomUUID(), POISON, Priority.P3, "poison", Instant.now());
        STORE.put(poison.id(), poison);
        Ticket fine = Tickets.triaged("c-" + UUID.randomUUID(), POISON + "-not", Priority.P3, "fine", Instant.now());
        STORE.put(fine.id(), fine);
        backbone.queued(List.of(poison));
        backbone.queued(List.of(fine));

        await().atMost(Duration.ofSeconds(30)).until(() -> HEARD.queued.contains(fine));
        assertThat(POISONED_TRIES.get()).as("tried as often as configured").isEqualTo(3);

        Map<String, Object> reader = new HashMap<>();
        reader.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        reader.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        reader.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(reader, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(PREFIX + "dead-letters"));
            List<ConsumerRecord<String, String>> dead = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return !dead.isEmpty();
            });
            ConsumerRecord<String, String> letter = dead.getFirst();
            assertThat(letter.key()).isEqualTo(POISON);
            assertThat(letter.value()).contains(poison.id().value());
            assertThat(new String(letter.headers().lastHeader("kafka_dlt-exception-message").value()))
                    .contains("routing cannot take this one");
            assertThat(new String(letter.headers().lastHeader("kafka_dlt-original-topic").value())).isEqualTo(PREFIX + "tickets.triaged");
        }
        // What admins see of it (GET /api/v1/backbone/dead-letters).
        List<KafkaBackbone.DeadLetter> letters = backbone.deadLetters(10);
        assertThat(letters).anySatisfy(letter -> {
            assertThat(letter.key()).isEqualTo(POISON);
            assertThat(letter.value()).contains(poison.id().value());
            assertThat(letter.originalTopic()).isEqualTo(PREFIX + "tickets.triaged");
            assertThat(letter.exception()).contains("routing cannot take this one");
        });
    }
}
