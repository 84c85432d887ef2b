package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.support.Api;
import dev.switchboard.support.ServerProcess;
import dev.switchboard.support.StreamClient;

/**
 * Tickets accepted before a SIGKILL are all assigned after the restart, exactly once: what the agent
 * had acknowledged stays theirs and is not offered again; everything else is offered again, once.
 */
class RoutingRestartIT {

    private static final int TICKETS = 200;
    private static final int ACKED_BEFORE_CRASH = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    void everyAcceptedTicketIsAssignedExactlyOnceAcrossASigkill() {
        Path data = folder.resolve("data");
        List<String> accepted = new ArrayList<>();
        Set<String> ackedBefore = new HashSet<>();
        String agentToken;
        try (ServerProcess first = ServerProcess.start(data)) {
            Api api = first.api();
            String[] admin = api.signIn("admin@localhost", ServerProcess.ADMIN_PASSWORD);
            api.post("/api/v1/teams", "{\"name\":\"general\",\"categories\":[\"general_inquiry\"]}", admin);
            api.post("/api/v1/agents", """
                    {"email":"ada@example.com","name":"Ada","password":"agent-password","team":"general",
                     "skills":["general_inquiry"],"capacity":1000}""", admin);
            agentToken = api.signIn("ada@example.com", "agent-password")[1].substring("Bearer ".length());
            for (int i = 0; i < TICKETS; i++) {
                Api.Response r = api.post("/api/v1/tickets", """
                        {"channel":"chat","customer":{"id":"%s"},"body":"hello number %d"}""".formatted(UUID.randomUUID(), i),
                        admin);
                assertThat(r.status()).isEqualTo(202);
                accepted.add(r.json().get("id").asString());
            }
            StreamClient ada = StreamClient.connect(first.port(), agentToken);
            for (int i = 0; i < ACKED_BEFORE_CRASH; i++) {
                String id = ada.next("assignment", WAIT).get("ticket").get("id").asString();
                ada.ack(id);
                ackedBefore.add(id);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(ackedBefore)
                    .allSatisfy(id -> assertThat(api.get("/api/v1/tickets/" + id, admin).json().get("status").asString())
                            .isEqualTo("open")));

            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(data);
             StreamClient ada = StreamClient.connect(second.port(), agentToken)) {
            List<String> offeredAgain = new ArrayList<>();
            for (int i = 0; i < TICKETS - ACKED_BEFORE_CRASH; i++) {
                String id = ada.next("assignment", WAIT).get("ticket").get("id").asString();
                ada.ack(id);
                offeredAgain.add(id);
            }

            assertThat(ada.receives("assignment", Duration.ofSeconds(2))).as("nothing is offered twice").isFalse();
            assertThat(offeredAgain).doesNotHaveDuplicates().doesNotContainAnyElementsOf(ackedBefore);
            Set<String> all = new HashSet<>(offeredAgain);
            all.addAll(ackedBefore);
            assertThat(all).containsExactlyInAnyOrderElementsOf(accepted);
            Api api = second.api();
            String[] admin = api.signIn("admin@localhost", ServerProcess.ADMIN_PASSWORD);
            await().atMost(WAIT).untilAsserted(() -> assertThat(accepted).allSatisfy(id ->
                    assertThat(api.get("/api/v1/tickets/" + id, admin).json().get("status").asString()).isEqualTo("open")));
            second.stop();
        }
    }
}
