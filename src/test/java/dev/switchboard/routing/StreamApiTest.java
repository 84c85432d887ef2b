package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import dev.switchboard.support.StreamClient;
import tools.jackson.databind.JsonNode;

/**
 * Live push with real WebSocket clients. Each test has a team of its own ({@link RoutedTeam}), so no
 * test's tickets reach another's agents.
 */
@DirtiesContext
@TestPropertySource(properties = {"switchboard.routing.ack-timeout=1s", "switchboard.routing.away-after-missed-offers=2",
        "switchboard.auth.sign-ins-per-minute=1000"})
class StreamApiTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private RoutedTeam team;

    @BeforeEach
    void aTeamOfItsOwn() {
        team = new RoutedTeam(api(), admin());
    }

    private String agent(String name) {
        return team.agent(name);
    }

    private String agent(String name, int capacity) {
        return team.agent(name, capacity);
    }

    private String postTicket() {
        return team.postTicket();
    }

    private JsonNode ticket(String id) {
        return team.ticket(id);
    }

    @Test
    void anAssignmentArrivesAndAnAckMakesItTheAgents() {
        try (StreamClient ada = StreamClient.connect(port, agent("ada"))) {
            String adaId = ada.next("welcome", WAIT).get("agentId").asString();

            String id = postTicket();
            JsonNode assignment = ada.next("assignment", WAIT);
            assertThat(assignment.get("ticket").get("id").asString()).isEqualTo(id);
            assertThat(assignment.get("ticket").get("body").asString()).isEqualTo("hello, a question");
            assertThat(assignment.get("routing").get("candidates")).isNotEmpty();
            ada.ack(id);

            await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("open"));
            assertThat(ticket(id).get("events")).extracting(e -> e.get("type").asString())
                    .containsSubsequence("received", "triaged", "assigned", "acknowledged");
            assertThat(ada.receives("assignment", Duration.ofMillis(1500))).as("an acknowledged ticket is not offered again").isFalse();
            assertThat(adaId).isNotBlank();
            String metrics = api().get("/actuator/prometheus").text();
            assertThat(metrics).contains("switchboard_routing_time_to_assign_seconds_count")
                    .contains("switchboard_routing_accepted_to_pushed_seconds_bucket")
                    .contains("switchboard_routing_queue_depth{team=")
                    .contains("switchboard_routing_commit_seconds_bucket");
            // The offer and the acknowledgement were stored by routing's commits, and counted.
            assertThat(metric("switchboard_routing_commit_changes_sum ")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anOfferNotAcknowledgedInTimeGoesToAnotherAgent() {
        try (StreamClient first = StreamClient.connect(port, agent("first"));
             StreamClient second = StreamClient.connect(port, agent("second"))) {
            first.next("welcome", WAIT);
            second.next("welcome", WAIT);
            double pushedBefore = metric("switchboard_routing_accepted_to_pushed_seconds_count");
            double firstOffersBefore = metric("switchboard_routing_offers_total{kind=\"first\"");
            double reOffersBefore = metric("switchboard_routing_offers_total{kind=\"again\"");

            String id = postTicket();

            // One of them gets it; neither acknowledges; after the 1 s ack time the other one gets it.
            JsonNode offeredToFirst = null;
            try {
                offeredToFirst = first.next("assignment", Duration.ofSeconds(3));
            } catch (AssertionError notFirst) {
                JsonNode toSecond = second.next("assignment", WAIT);
                assertThat(toSecond.get("ticket").get("id").asString()).isEqualTo(id);
                assertThat(first.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            }
            if (offeredToFirst != null) {
                assertThat(offeredToFirst.get("ticket").get("id").asString()).isEqualTo(id);
                assertThat(second.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("events"))
                    .extracting(e -> e.get("type").asString()).contains("offer_withdrawn"));
            // The latency metrics time the ticket's way from intake once; the re-offer is counted apart.
            assertThat(metric("switchboard_routing_accepted_to_pushed_seconds_count") - pushedBefore).isEqualTo(1);
            assertThat(metric("switchboard_routing_offers_total{kind=\"first\"") - firstOffersBefore).isEqualTo(1);
            assertThat(metric("switchboard_routing_offers_total{kind=\"again\"") - reOffersBefore).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aSoleAgentWhoLetsAnOfferRunOutIsOfferedItAgainBeforeNewerTickets() {
        try (StreamClient only = StreamClient.connect(port, agent("only", 1))) {
            only.next("welcome", WAIT);
            String id = postTicket();
            assertThat(only.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            String newer = postTicket(); // waits: the agent's one place is taken

            assertThat(only.next("withdrawn", WAIT).get("ticketId").asString()).isEqualTo(id);
            JsonNode again = only.next("assignment", WAIT);

            assertThat(again.get("ticket").get("id").asString()).as("nobody else could take it: back to them, before the newer one")
                    .isEqualTo(id);
            only.ack(id);
            await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("open"));
            assertThat(ticket(newer).get("status").asString()).isEqualTo("queued");
        }
    }

    @Test
    void aDisconnectSendsUnacknowledgedTicketsToSomeoneElse() {
        StreamClient leaving = StreamClient.connect(port, agent("leaving"));
        leaving.next("welcome", WAIT);
        String id = postTicket();
        leaving.next("assignment", WAIT);
        try (StreamClient staying = StreamClient.connect(port, agent("staying"))) {
            staying.next("welcome", WAIT);

            leaving.close();

            assertThat(staying.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
        }
    }

    @Test
    void aTicketWaitingWithNoAgentGoesOutWhenOneConnects() {
        String token = agent("late");
        String id = postTicket();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("queued"));

        try (StreamClient late = StreamClient.connectWithQueryToken(port, token)) {
            assertThat(late.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
        }
    }

    @Test
    void onlyAgentsMayStream() {
        String adminToken = admin()[1].substring("Bearer ".length());
        try (StreamClient notAnAgent = StreamClient.connect(port, adminToken)) {
            assertThat(notAnAgent.awaitClosedByServer(WAIT)).isEqualTo(4403);
        }
        assertThatThrownBy(() -> StreamClient.connect(port, "sbt_not-a-token"))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class).rootCause().hasMessageContaining("401");
        assertThatThrownBy(() -> StreamClient.connect(port, null))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class).rootCause().hasMessageContaining("401");
    }

    @Test
    void resolvingATicketFreesTheAgentForTheNextOne() {
        try (StreamClient solo = StreamClient.connect(port, agent("solo", 1))) {
            solo.next("welcome", WAIT);
            String first = postTicket();
            String second = postTicket();
            assertThat(solo.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(first);
            solo.ack(first);
            assertThat(solo.receives("assignment", Duration.ofMillis(1500))).as("capacity 1 is full").isFalse();

            solo.send("{\"type\":\"resolve\",\"ticketId\":\"" + first + "\"}");

            assertThat(solo.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(second);
            assertThat(ticket(first).get("status").asString()).isEqualTo("resolved");
        }
    }

    @Test
    void aTicketHandedBackGoesToAnotherAgent() {
        try (StreamClient first = StreamClient.connect(port, agent("first-hand", 1))) {
            first.next("welcome", WAIT);
            String id = postTicket();
            first.next("assignment", WAIT);
            first.ack(id);

            first.send("{\"type\":\"hand_back\",\"ticketId\":\"" + id + "\"}");
            await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("queued"));
            assertThat(first.receives("assignment", Duration.ofMillis(1500))).as("not offered back to who handed it back").isFalse();

            try (StreamClient second = StreamClient.connect(port, agent("second-hand", 1))) {
                assertThat(second.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            }
        }
    }

    @Test
    void pingIsAnsweredAndNonsenseIsAnError() {
        try (StreamClient ada = StreamClient.connect(port, agent("pinger"))) {
            ada.next("welcome", WAIT);

            ada.send("{\"type\":\"ping\"}");
            assertThat(ada.next("pong", WAIT)).isNotNull();
            ada.send("not json");
            assertThat(ada.next("error", WAIT).get("detail").asString()).contains("JSON");
            ada.send("[\"ack\"]");
            assertThat(ada.next("error", WAIT).get("detail").asString()).contains("JSON objects");
            ada.send("{\"type\":7}");
            assertThat(ada.next("error", WAIT).get("detail").asString()).contains("needs a type");
            ada.send("{\"type\":\"dance\"}");
            assertThat(ada.next("error", WAIT).get("detail").asString()).contains("unknown message type 'dance'");
        }
    }

    @Test
    void anOfferLongerThanTheConnectionsBuffersArrivesWhole() {
        assertThat(Integer.getInteger(SwitchboardApplication.WEBSOCKET_BUFFER_PROPERTY)).as("Tomcat's buffers").isEqualTo(4096);
        String body = "a long message, " + "line after line of it; ".repeat(600); // about 14 KB: several frames
        try (StreamClient ada = StreamClient.connect(port, agent("reader"))) {
            ada.next("welcome", WAIT);
            String id = team.postTicket(body);

            JsonNode offer = ada.next("assignment", WAIT);

            assertThat(offer.get("ticket").get("id").asString()).isEqualTo(id);
            assertThat(offer.get("ticket").get("body").asString()).isEqualTo(body);
        }
    }

    /** A ping padded to {@code length} characters in all. */
    private static String ping(int length) {
        String head = "{\"type\":\"ping\",\"padding\":\"";
        return head + "x".repeat(length - head.length() - 2) + "\"}";
    }

    @Test
    void aMessageOverTheLimitClosesTheConnection() {
        StreamClient ada = StreamClient.connect(port, agent("verbose"));
        ada.next("welcome", WAIT);
        ada.send(ping(1024)); // stream-message-max: 1KB
        assertThat(ada.next("pong", WAIT)).as("a message of the limit's length is read").isNotNull();

        ada.send(ping(1025));

        assertThat(ada.awaitClosedByServer(WAIT)).as("1009: message too big").isEqualTo(1009);
    }

    @Test
    void aBinaryMessageIsRefused() {
        StreamClient small = StreamClient.connect(port, agent("binary"));
        small.next("welcome", WAIT);
        small.sendBinary(new byte[16]);
        assertThat(small.awaitClosedByServer(WAIT)).as("1003: agents speak text").isEqualTo(1003);

        StreamClient large = StreamClient.connect(port, agent("binary-large"));
        large.next("welcome", WAIT);
        large.sendBinary(new byte[RoutingConfiguration.BINARY_MESSAGE_MAX + 1]);
        assertThat(large.awaitClosedByServer(WAIT)).as("1009: past the binary limit").isEqualTo(1009);
    }

    private Api.Response availability(String token, boolean available) {
        return api().send("PUT", "/api/v1/agents/me/availability", "application/json", "{\"available\":" + available + "}",
                Api.bearer(token));
    }

    @Test
    void anAgentWhoTurnsUnavailableIsOfferedNothingUntilTheyTurnBack() {
        String token = agent("switcher");
        try (StreamClient switcher = StreamClient.connect(port, token)) {
            switcher.next("welcome", WAIT);
            Api.Response away = availability(token, false);
            assertThat(away.status()).as(away.text()).isEqualTo(200);
            assertThat(away.json().get("available").asBoolean()).isFalse();

            String id = postTicket();
            await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("queued"));
            assertThat(switcher.receives("assignment", Duration.ofMillis(1500))).as("unavailable: offered nothing").isFalse();

            assertThat(availability(token, true).status()).isEqualTo(200);
            assertThat(switcher.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            assertThat(api().get("/api/v1/agents/me", Api.bearer(token)).json().get("available").asBoolean()).isTrue();
        }
        assertThat(api().get("/api/v1/agents", Api.bearer(token)).status()).as("an agent does not list agents").isEqualTo(403);
        String adminToken = admin()[1].substring("Bearer ".length());
        assertThat(availability(adminToken, false).status()).as("only agents have a switch").isEqualTo(403);
    }

    @Test
    void anAgentWhoLetsOffersRunOutInARowIsTakenToBeAwayUntilTheyTurnBack() {
        String token = agent("absent", 1);
        try (StreamClient absent = StreamClient.connect(port, token)) {
            absent.next("welcome", WAIT);
            String id = postTicket();
            absent.next("assignment", WAIT);
            absent.next("withdrawn", WAIT);
            assertThat(absent.next("assignment", WAIT).get("ticket").get("id").asString()).as("nobody else: back to them").isEqualTo(id);

            JsonNode told = absent.next("unavailable", WAIT);

            assertThat(told.get("reason").asString()).isEqualTo("2 offers in a row ran out without an acknowledgement");
            assertThat(api().get("/api/v1/agents/me", Api.bearer(token)).json().get("available").asBoolean())
                    .as("stored, as their own switch would be").isFalse();
            assertThat(absent.receives("assignment", Duration.ofMillis(2500))).as("away: offered nothing more").isFalse();
            assertThat(ticket(id).get("status").asString()).isEqualTo("queued");

            assertThat(availability(token, true).status()).isEqualTo(200);
            assertThat(absent.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            absent.ack(id);
            await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("open"));
        }
    }

    @Test
    void aTeamWithTicketsWaitingIsNotDeletedSoNoneIsStranded() {
        String token = agent("leaver");
        String agentId = api().get("/api/v1/agents/me", Api.bearer(token)).json().get("id").asString();
        String id = postTicket();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("queued"));
        assertThat(api().delete("/api/v1/agents/" + agentId, admin()).status()).isEqualTo(204);

        Api.Response refused = api().delete("/api/v1/teams/" + team.name(), admin());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("1 tickets waiting");

        String helperToken = agent("helper");
        try (StreamClient helper = StreamClient.connect(port, helperToken)) {
            assertThat(helper.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            helper.send("{\"type\":\"resolve\",\"ticketId\":\"" + id + "\"}");
            await().atMost(WAIT).untilAsserted(() -> assertThat(ticket(id).get("status").asString()).isEqualTo("resolved"));
        }
        String helperId = api().get("/api/v1/agents", admin()).json().valueStream()
                .filter(a -> a.get("name").asString().equals("helper") && a.get("team").asString().equals(team.name()))
                .findFirst().orElseThrow().get("id").asString();
        assertThat(api().delete("/api/v1/agents/" + helperId, admin()).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/teams/" + team.name(), admin()).status()).isEqualTo(204);
    }
}
