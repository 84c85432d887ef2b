package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import dev.switchboard.support.StreamClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline on the Kafka backbone, one node on a real broker (Spring Kafka's embedded KRaft
 * broker): a ticket goes from intake through the topics to routing and to the agent's stream, and the
 * agent's ack and resolution come back through them.
 */
@DirtiesContext
@EmbeddedKafka(partitions = 3)
@TestPropertySource(properties = {"switchboard.backbone=kafka", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "switchboard.backbone.partitions=3", "switchboard.routing.ack-timeout=2s", "switchboard.auth.sign-ins-per-minute=1000",
        "switchboard.backbone.sweep-interval=1s"})
class KafkaPipelineTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    Backbone backbone;

    @Autowired
    dev.switchboard.intake.IntakeJournal journal;

    /** An agent connected on two nodes stays online when one of the two connections closes. */
    @Test
    void anAgentConnectedOnTwoNodesStaysOnlineWhenOneConnectionCloses() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        String token = team.agent("dee");
        String agentId = team.idOf(token);
        try (StreamClient dee = StreamClient.connect(port, token)) {
            dee.next("welcome", WAIT);
            String first = team.postTicket();
            assertThat(dee.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(first);
            dee.ack(first);
            // Another node says the agent connected there too, then that connection closed.
            backbone.signal(AgentSignal.of(AgentSignal.Kind.CONNECTED, agentId, team.name(), "node-b"));
            backbone.signal(AgentSignal.of(AgentSignal.Kind.DISCONNECTED, agentId, team.name(), "node-b"));
            String second = team.postTicket();
            assertThat(dee.next("assignment", WAIT).get("ticket").get("id").asString())
                    .as("still online through this node's connection").isEqualTo(second);
        }
    }

    /**
     * A ticket whose message never reached the broker (the node that stored it died, or the send timed
     * out): the sweep takes it up from the store and offers it.
     */
    @Test
    void aTicketNoMessageBroughtIsRoutedByTheSweep() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        try (StreamClient cy = StreamClient.connect(port, team.agent("cy"))) {
            cy.next("welcome", WAIT);
            String first = team.postTicket(); // the agent is known online once this one reaches them
            assertThat(cy.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(first);
            cy.ack(first);

            dev.switchboard.ticket.Ticket silent = dev.switchboard.support.Tickets.triaged("c-" + java.util.UUID.randomUUID(),
                    "general_inquiry", dev.switchboard.ticket.Priority.P3, "stored, never announced", java.time.Instant.now());
            silent = silent.triaged(new dev.switchboard.ticket.Classification("general_inquiry", team.name(), 0.9, false, "rule:test",
                    java.util.List.of()), dev.switchboard.ticket.Priority.P3);
            journal.record(java.util.List.of(new dev.switchboard.intake.Admission(silent,
                    new dev.switchboard.ticket.Actor(dev.switchboard.ticket.Actor.Kind.SYSTEM, "test"), java.util.Optional.empty())));
            assertThat(cy.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(silent.id().value());
        }
    }

    /**
     * A queued-ticket message delivered again (after a crash or a rebalance) once its ticket was
     * resolved changes nothing: the ticket is not offered again.
     */
    @Test
    void aQueuedMessageDeliveredAgainAfterItsTicketWasResolvedChangesNothing() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        try (StreamClient bo = StreamClient.connect(port, team.agent("bo"))) {
            bo.next("welcome", WAIT);
            String first = team.postTicket();
            assertThat(bo.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(first);
            bo.ack(first);
            bo.send("{\"type\":\"resolve\",\"ticketId\":\"" + first + "\"}");
            await().atMost(WAIT).until(() -> team.ticket(first).get("status").asString().equals("resolved"));

            backbone.queued(java.util.List.of(tickets.find(dev.switchboard.ticket.TicketId.parse(first).orElseThrow()).orElseThrow()));
            String second = team.postTicket(); // after the message delivered again, on the team's partition
            assertThat(bo.next("assignment", WAIT).get("ticket").get("id").asString())
                    .as("the resolved ticket is not offered again").isEqualTo(second);
            assertThat(team.ticket(first).get("status").asString()).isEqualTo("resolved");
        }
    }

    @Autowired
    dev.switchboard.ticket.Tickets tickets;

    @Autowired
    dev.switchboard.routing.RoutingStage routing;

    /**
     * An agent connected only on a node that left the cluster (killed: routing hears the nodes after the
     * rebalance) goes offline, and the offer they had not acknowledged goes back to the queue.
     */
    @Test
    void anAgentWhoseNodeLeftTheClusterGoesOfflineAndTheirOfferIsWithdrawn() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        String agentId = team.idOf(team.agent("eve"));
        backbone.signal(AgentSignal.of(AgentSignal.Kind.CONNECTED, agentId, team.name(), "node-gone"));
        String ticket = team.postTicket();
        await().atMost(WAIT).until(() -> team.ticket(ticket).get("status").asString().equals("assigned"));

        routing.nodes(java.util.Set.of(backbone.node()));

        await().atMost(WAIT).until(() -> team.ticket(ticket).get("status").asString().equals("queued"));
        assertThat(team.ticket(ticket).get("events").toString()).contains("node left the cluster");
        assertThat(routing.overview().join().agentsOf(team.name())).singleElement()
                .satisfies(agent -> assertThat(agent.presence()).isEqualTo(dev.switchboard.routing.Presence.OFFLINE));
    }

    /**
     * A message written on another node (an agent's reply, as that node puts it on the conversations
     * topic) reaches the customer's live chat view on this node.
     */
    @Test
    void aMessageWrittenOnAnotherNodeReachesTheLiveViewsOnThisOne() throws Exception {
        String word = "w" + java.util.UUID.randomUUID().toString().substring(0, 8);
        JsonNode chat = api().post("/api/v1/chat/conversations", """
                {"name":"Jo","email":"jo-%s@example.com","text":"My invoice is wrong %s"}""".formatted(word, word)).json();
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> events = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/chat/conversations/" + chat.get("token").asString() + "/events"))
                .header("Accept", "text/event-stream").build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(events.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> {
            try (var lines = events.body()) {
                lines.forEach(seen::add);
            } catch (java.io.UncheckedIOException closed) {
                // the test is over
            }
        });
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(java.util.Map.of(
                "bootstrap.servers", kafkaBrokers), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            dev.switchboard.ticket.Message reply = new dev.switchboard.ticket.Message("reply-" + word,
                    dev.switchboard.ticket.TicketId.parse(chat.get("ticketId").asString()).orElseThrow(),
                    new dev.switchboard.ticket.Actor(dev.switchboard.ticket.Actor.Kind.USER, "agent-on-node-b"),
                    "Answered on node b " + word, false, java.time.Instant.now());
            String record = tools.jackson.databind.json.JsonMapper.builder().build()
                    .writeValueAsString(KafkaBackbone.conversationMessage(reply, "node-b"));
            // This node's group reads from the latest offset: send until it has its partitions.
            await().atMost(WAIT).until(() -> {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        ((KafkaBackbone) backbone).conversationsTopic(), reply.ticketId().value(), record)).get();
                return seen.stream().anyMatch(line -> line.contains("Answered on node b " + word));
            });
        } finally {
            events.body().close();
        }
    }

    @org.springframework.beans.factory.annotation.Value("${spring.embedded.kafka.brokers}")
    String kafkaBrokers;

    @Test
    void aTicketTravelsTheTopicsToItsAgentAndTheAgentsAnswersComeBack() {
        assertThat(backbone).isInstanceOf(KafkaBackbone.class);
        RoutedTeam team = new RoutedTeam(api(), admin());
        try (StreamClient ada = StreamClient.connect(port, team.agent("ada"))) {
            ada.next("welcome", WAIT);
            // The connection's signal goes through the presence topic: the agent is online once routing hears it.
            String first = team.postTicket();
            JsonNode offer = ada.next("assignment", WAIT);
            assertThat(offer.get("ticket").get("id").asString()).isEqualTo(first);

            ada.ack(first);
            await().atMost(WAIT).until(() -> team.ticket(first).get("status").asString().equals("open"));

            ada.send("{\"type\":\"resolve\",\"ticketId\":\"" + first + "\"}");
            await().atMost(WAIT).until(() -> team.ticket(first).get("status").asString().equals("resolved"));

            // No ack in time: the offer is taken back (the withdrawal goes through the assigned topic too).
            String second = team.postTicket();
            assertThat(ada.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(second);
            JsonNode withdrawn = ada.next("withdrawn", WAIT);
            assertThat(withdrawn.get("ticketId").asString()).isEqualTo(second);
            await().atMost(WAIT).until(() -> team.ticket(second).get("events").toString().contains("offer_withdrawn"));
        }
        String metrics = api().get("/actuator/prometheus").text();
        assertThat(metrics).contains("switchboard_routing_accepted_to_pushed_seconds_count");
        JsonNode described = api().get("/api/v1/backbone", admin()).json();
        assertThat(described.get("backbone").asString()).isEqualTo("kafka");
        assertThat(described.get("available").asBoolean()).isTrue();
        assertThat(api().get("/api/v1/backbone/dead-letters", admin()).json()).isEmpty();
        assertThat(api().get("/api/v1/backbone/dead-letters").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/backbone/dead-letters/0/replay", "", admin()).status()).as("none there").isEqualTo(404);
        assertThat(api().post("/api/v1/backbone/dead-letters/0/replay", "").status()).isEqualTo(401);
    }
}
