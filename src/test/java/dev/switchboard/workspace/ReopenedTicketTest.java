package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.routing.Presence;
import dev.switchboard.routing.RoutingOverview;
import dev.switchboard.routing.RoutingStage;
import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import dev.switchboard.support.StreamClient;
import tools.jackson.databind.JsonNode;

/**
 * A customer's answer to a resolved ticket opens it again, back in its queue, and routing gives it to
 * an agent who is there: never to the one who resolved it once they have gone (other helpdesks send
 * it back to its last agent, offline or not: chatwoot/chatwoot #9587). The answers come through the
 * chat widget's API, the customer's own way in, with real WebSocket clients for the agents.
 */
@TestPropertySource(properties = "switchboard.auth.sign-ins-per-minute=1000")
class ReopenedTicketTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TrackingLinks links;

    @Autowired
    RoutingStage routing;

    private RoutedTeam team;

    @BeforeEach
    void aTeamOfItsOwn() {
        team = new RoutedTeam(api(), admin());
    }

    @Test
    void anAnswerToAResolvedTicketGoesToAnAgentWhoIsThereNotToTheOneWhoLeft() {
        String firstToken = team.agent("first");
        String id = resolvedByAgentWhoThenLeaves(firstToken);

        String secondToken = team.agent("second");
        try (StreamClient second = StreamClient.connect(port, secondToken)) {
            second.next("welcome", WAIT);

            customerAnswers(id, "It is broken again since this morning.");

            JsonNode offer = second.next("assignment", WAIT);
            assertThat(offer.get("ticket").get("id").asString()).isEqualTo(id);
            second.ack(id);
            await().atMost(WAIT).untilAsserted(() -> assertThat(team.ticket(id).get("status").asString()).isEqualTo("open"));
            JsonNode ticket = team.ticket(id);
            assertThat(ticket.get("assignee").asString()).isEqualTo(team.idOf(secondToken));
            assertThat(ticket.get("messages")).extracting(m -> m.get("body").asString())
                    .contains("It is broken again since this morning.");
        }
    }

    @Test
    void withNobodyThereTheAnsweredTicketWaitsInItsQueueUntilSomeoneComes() {
        String firstToken = team.agent("first");
        String id = resolvedByAgentWhoThenLeaves(firstToken);

        customerAnswers(id, "Still there?");

        // The reopening went through routing before the answer was taken: nobody holds the ticket now.
        JsonNode waiting = team.ticket(id);
        assertThat(waiting.get("status").asString()).isEqualTo("queued");
        assertThat(waiting.get("assignee").isNull()).as(waiting.toString()).isTrue();
        assertThat(overview().queuesOf(team.name())).singleElement().satisfies(queue -> assertThat(queue.depth()).isEqualTo(1));

        try (StreamClient back = StreamClient.connect(port, firstToken)) {
            assertThat(back.next("assignment", WAIT).get("ticket").get("id").asString())
                    .as("once the agent is there again, the ticket is theirs to take").isEqualTo(id);
        }
    }

    /** The agent takes a new ticket, resolves it and disconnects; returns once routing sees them offline. */
    private String resolvedByAgentWhoThenLeaves(String agentToken) {
        String agentId = team.idOf(agentToken);
        String id;
        try (StreamClient agent = StreamClient.connect(port, agentToken)) {
            agent.next("welcome", WAIT);
            id = team.postTicket();
            assertThat(agent.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            agent.ack(id);
            agent.send("{\"type\":\"resolve\",\"ticketId\":\"" + id + "\"}");
            await().atMost(WAIT).untilAsserted(() -> assertThat(team.ticket(id).get("status").asString()).isEqualTo("resolved"));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(overview().agentsOf(team.name()))
                .filteredOn(a -> a.id().equals(agentId)).singleElement()
                .satisfies(a -> assertThat(a.presence()).isEqualTo(Presence.OFFLINE)));
        return id;
    }

    private void customerAnswers(String ticketId, String text) {
        String token = links.tokenFor(dev.switchboard.ticket.TicketId.parse(ticketId).orElseThrow());
        Api.Response said = api().post("/api/v1/chat/conversations/" + token + "/messages",
                Api.JSON.createObjectNode().put("text", text).toString());
        assertThat(said.status()).as(said.text()).isEqualTo(201);
    }

    private RoutingOverview overview() {
        return routing.overview().join();
    }
}
