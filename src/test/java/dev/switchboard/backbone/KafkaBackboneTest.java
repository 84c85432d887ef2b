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
    /** Once set, routing takes the poison team's tickets: the dead letter's cause is mended. */
    private static final java.util.concurrent.atomic.AtomicBoolean CURED = new java.util.concurrent.atomic.AtomicBoolean();
    /** Tickets of this team are stored when the test says so: routing's future for them waits until then. */
    private static final String HELD = "held-team";
    private static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>> HELD_EFFECTS =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** Set: routing takes the held team's tickets at once (stores their effects) instead of holding them. */
    private static final java.util.concurrent.atomic.AtomicBoolean RELEASE_HELD = new java.util.concurrent.atomic.AtomicBoolean();
    /** Tickets of this team cannot be stored the first two times (the store away): once thrown, once a failed future. */
    private static final String FLAKY = "flaky-team";
    private static final AtomicInteger FLAKY_TRIES = new AtomicInteger();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        BackboneProperties properties = new BackboneProperties("node-a", PREFIX, 3, (short) 1, 3, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMillis(100));
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
            public java.util.concurrent.CompletableFuture<Void> queued(List<Ticket> tickets) {
                if (!CURED.get() && tickets.stream().anyMatch(t -> t.classification().orElseThrow().team().equals(POISON))) {
                    POISONED_TRIES.incrementAndGet();
                    throw new IllegalStateException("routing cannot take this one");
                }
                if (tickets.stream().anyMatch(t -> t.team().equals(HELD)) && !RELEASE_HELD.get()) {
                    HELD_EFFECTS.set(new java.util.concurrent.CompletableFuture<>());
                    HEARD.queued(tickets);
                    return HELD_EFFECTS.get();
                }
                if (tickets.stream().anyMatch(t -> t.team().equals(FLAKY))) {
                    switch (FLAKY_TRIES.incrementAndGet()) {
                        case 1 -> throw new Backbone.NotStored("the store is away", null);
                        case 2 -> {
                            return java.util.concurrent.CompletableFuture.failedFuture(new org.springframework.dao.DataAccessResourceFailureException("still away"));
                        }
                        default -> { }
                    }
                }
                return HEARD.queued(tickets);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> signal(AgentSignal signal) {
                return HEARD.signal(signal);
            }

            @Override
            public int backlogLimit() {
                return 1;
            }

            @Override
            public void nodes(java.util.Set<String> alive) {
                HEARD.nodes(alive);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> changed(dev.switchboard.ticket.TicketId ticket, dev.switchboard.ticket.Actor by) {
                return HEARD.changed(ticket, by);
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
        List<KafkaDeadLetters.DeadLetter> letters = backbone.deadLetters(10);
        assertThat(letters).anySatisfy(letter -> {
            assertThat(letter.key()).isEqualTo(POISON);
            assertThat(letter.value()).contains(poison.id().value());
            assertThat(letter.originalTopic()).isEqualTo(PREFIX + "tickets.triaged");
            assertThat(letter.exception()).contains("routing cannot take this one");
        });

        // Its cause mended, an admin sends it again (POST /api/v1/backbone/dead-letters/{offset}/replay).
        CURED.set(true);
        KafkaDeadLetters.DeadLetter letter = letters.stream().filter(l -> l.value().contains(poison.id().value())).findFirst().orElseThrow();
        assertThat(backbone.replay(letter.offset())).hasValueSatisfying(sent -> assertThat(sent.key()).isEqualTo(POISON));
        await().atMost(Duration.ofSeconds(30)).until(() -> HEARD.queued.contains(poison));
        assertThat(backbone.replay(1_000_000)).isEmpty();
    }

    /** The routing group's offsets move past a message only once routing has stored what it did with it. */
    @Test
    void anOffsetIsCommittedOnlyOnceTheMessagesEffectsAreStored() throws Exception {
        Ticket held = Tickets.triaged("c-" + UUID.randomUUID(), HELD, Priority.P3, "held", Instant.now());
        STORE.put(held.id(), held);
        backbone.queued(List.of(held));

        await().atMost(Duration.ofSeconds(30)).until(() -> HEARD.queued.contains(held) && HELD_EFFECTS.get() != null);
        org.apache.kafka.common.TopicPartition partition =
                new org.apache.kafka.common.TopicPartition(PREFIX + "tickets.triaged", KafkaBackbone.partitionOf(HELD, 3));
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            long end = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get()
                    .get(partition).offset();
            assertThat(committed(admin, partition)).as("routing heard it, but has not stored its effects").isLessThan(end);

            HELD_EFFECTS.get().complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, partition) == end);
        }
    }

    /**
     * While the routing group has more triaged messages to take up than routing's backlog limit (1 here),
     * intake is told to wait; once routing has stored their effects, it is not.
     */
    @Test
    void intakeWaitsWhileTheRoutingGroupHasMoreToTakeUpThanItsLimit() {
        List<Ticket> held = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> Tickets.triaged("c-" + UUID.randomUUID(), HELD, Priority.P3, "held " + i, Instant.now())).toList();
        held.forEach(t -> STORE.put(t.id(), t));
        assertThat(backbone.behind()).isEmpty();
        backbone.queued(List.of(held.get(0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> HEARD.queued.contains(held.get(0))); // routing holds its effects
        backbone.queued(List.of(held.get(1)));
        backbone.queued(List.of(held.get(2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> backbone.behind().isPresent());
        assertThat(backbone.behind().orElseThrow()).contains("wait for routing").contains("switchboard.routing.backlog-limit is 1");

        RELEASE_HELD.set(true);
        try {
            HELD_EFFECTS.get().complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> backbone.behind().isEmpty());
            assertThat(HEARD.queued).containsAll(held);
        } finally {
            RELEASE_HELD.set(false);
        }
    }

    /** A message whose effects cannot be stored now comes again until they are; it never goes to the dead letters. */
    @Test
    void aMessageWhoseEffectsCannotBeStoredYetComesAgainUntilTheyAre() {
        Ticket flaky = Tickets.triaged("c-" + UUID.randomUUID(), FLAKY, Priority.P3, "flaky", Instant.now());
        STORE.put(flaky.id(), flaky);
        backbone.queued(List.of(flaky));

        await().atMost(Duration.ofSeconds(30)).until(() -> HEARD.queued.contains(flaky));
        assertThat(FLAKY_TRIES.get()).as("delivered again after each passing failure").isEqualTo(3);
        assertThat(backbone.deadLetters(50)).noneSatisfy(letter -> assertThat(letter.value()).contains(flaky.id().value()));
    }

    private static long committed(AdminClient admin, org.apache.kafka.common.TopicPartition partition) throws Exception {
        var offset = admin.listConsumerGroupOffsets(KafkaBackbone.ROUTING_GROUP).partitionsToOffsetAndMetadata().get().get(partition);
        return offset == null ? -1 : offset.offset();
    }

    /**
     * After each rebalance routing hears which nodes are in the cluster: a node that joins is among them,
     * and one that leaves (or dies: its session runs out) is not any more.
     */
    @Test
    void routingHearsWhichNodesAreInTheClusterAfterEachRebalance() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !HEARD.nodes.isEmpty());
        assertThat(HEARD.nodes.getLast()).contains("node-a");

        try (KafkaConsumer<String, String> nodeZ = OtherNode.inTheRoutingGroup(broker.getBrokersAsString(), "node-z")) {
            nodeZ.subscribe(List.of(PREFIX + "tickets.triaged", PREFIX + "agents.presence"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                nodeZ.poll(Duration.ofMillis(100));
                return HEARD.nodes.getLast().equals(java.util.Set.of("node-a", "node-z"));
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> HEARD.nodes.getLast().equals(java.util.Set.of("node-a")));
    }
}
