package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import dev.switchboard.support.StreamClient;

/**
 * An agent whose client stops reading its stream holds up nobody else: routing keeps offering other
 * agents their tickets at once, and the stalled connection is closed once a write to it has blocked for
 * {@code stream-send-timeout}, its offers going back to the queue. The stalled client is a plain socket
 * with a small receive buffer that completes the WebSocket handshake and never reads again.
 */
@TestPropertySource(properties = {"switchboard.auth.sign-ins-per-minute=1000", "switchboard.rate-limit.public-requests=100000",
        // Large enough that the queue limit does not close the connection first: the send timeout does.
        "switchboard.routing.stream-queue-limit=64MB", "switchboard.routing.stream-send-timeout=2s"})
class SlowConnectionTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Far below the 2 s send timeout (and Tomcat's 20 s): an offer that waited on the stalled write would miss it. */
    private static final Duration AT_ONCE = Duration.ofMillis(1500);
    /** 300 offers of 40 KB: 12 MB, more than loopback's socket buffers hold (4 MB to send, the receiver's few KB). */
    private static final int OFFERS = 300;
    private static final String BODY = "a long report ".repeat(40_000 / 14);

    @Autowired
    RoutingStage routing;

    @Test
    void anAgentWhoseClientStopsReadingHoldsUpNobodyAndIsTakenOffline() throws Exception {
        RoutedTeam stalledTeam = new RoutedTeam(api(), admin());
        RoutedTeam otherTeam = new RoutedTeam(api(), admin());
        String stalledToken = stalledTeam.agent("stalled", 1000);
        String stalledId = stalledTeam.idOf(stalledToken);
        try (Socket stalled = connectAndNeverRead(stalledToken);
             StreamClient other = StreamClient.connect(port, otherTeam.agent("other"))) {
            other.next("welcome", WAIT);
            await().atMost(WAIT).until(() -> presenceOf(stalledTeam, stalledId) == Presence.ONLINE);

            for (int i = 0; i < OFFERS; i++) {
                stalledTeam.postTicket(BODY);
            }
            String id = otherTeam.postTicket();

            assertThat(other.next("assignment", AT_ONCE).get("ticket").get("id").asString())
                    .as("another agent's offer does not wait behind the stalled connection").isEqualTo(id);
            await().atMost(WAIT).untilAsserted(() -> assertThat(presenceOf(stalledTeam, stalledId))
                    .as("the stalled connection is closed, its agent offline").isEqualTo(Presence.OFFLINE));
            await().atMost(WAIT).untilAsserted(() -> assertThat(routing.overview().join().queuesOf(stalledTeam.name()))
                    .singleElement().satisfies(queue -> assertThat(queue.depth())
                            .as("every offer the stalled agent had not acknowledged is back in the queue").isEqualTo(OFFERS)));
        }
    }

    private Presence presenceOf(RoutedTeam team, String agentId) {
        return routing.overview().join().agentsOf(team.name()).stream().filter(a -> a.id().equals(agentId))
                .map(RoutingOverview.AgentLoad::presence).findFirst().orElse(Presence.OFFLINE);
    }

    /** Opens the agent's stream over a plain socket and reads nothing after the handshake's answer. */
    private Socket connectAndNeverRead(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048); // before connecting: the window the server may fill stays small
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the handshake's answer ends").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }
}
