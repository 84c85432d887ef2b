package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import dev.switchboard.support.SilentStreamClient;
import dev.switchboard.support.StreamClient;

/**
 * Presence follows heartbeats: a connection that stops answering is closed and its agent is offline,
 * with their unacknowledged tickets re-routed, long before the (here one minute) ack timeout would.
 * A client that answers the ping frames stays, even when it sends nothing itself.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "switchboard.routing.ack-timeout=60s",
        "switchboard.routing.heartbeat-interval=200ms",
        "switchboard.routing.heartbeat-timeout=1s",
})
class StreamHeartbeatTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private RoutedTeam team;

    @BeforeEach
    void aTeamOfItsOwn() {
        team = new RoutedTeam(api(), admin());
    }

    @Test
    void aSilentConnectionIsClosedAndItsOfferGoesToAnAgentWhoAnswers() throws Exception {
        String silentToken = team.agent("silent");
        String answeringToken = team.agent("answering");
        try (SilentStreamClient silent = new SilentStreamClient(port, silentToken)) {
            String id = team.postTicket();
            await().atMost(WAIT).untilAsserted(() -> assertThat(team.ticket(id).get("status").asString()).isEqualTo("assigned"));

            try (StreamClient answering = StreamClient.connect(port, answeringToken)) {
                // The silent agent's offer is withdrawn by the heartbeat, not by the 60 s ack timeout.
                assertThat(answering.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
                await().atMost(WAIT).until(silent::closedByServer);
                assertThat(team.ticket(id).get("events").valueStream()
                        .filter(e -> e.get("type").asString().equals("offer_withdrawn")))
                        .singleElement().satisfies(e -> assertThat(e.toString()).contains("disconnected"));

                // The answering client sends nothing of its own but answers pings: it stays, several timeouts long.
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> !answering.isClosed());
                String next = team.postTicket();
                assertThat(answering.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(next);
            }
        }
    }
}
