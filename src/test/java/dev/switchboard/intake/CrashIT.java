package dev.switchboard.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.support.Api;
import dev.switchboard.support.ServerProcess;

/**
 * A 202 means durable: the server is killed with SIGKILL while many clients post, started again on
 * the same data folder, stopped gracefully (SIGTERM) under load, and started once more; every ticket
 * that was answered 202 is there exactly once. Requests whose answer was lost are retried with their
 * Idempotency-Key, and exist exactly once too.
 */
class CrashIT {

    private static final int CLIENTS = 32;
    private static final String[] NO_LIMIT = {"--switchboard.rate-limit.public-requests=100000000"};

    @TempDir
    Path folder;

    /** marker -> ticket id, for every request answered 202. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** markers of requests sent without a 202 in return (the server died under them). */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();

    @Test
    void everyAcceptedTicketSurvivesSigkillAndGracefulStopExactlyOnce() throws Exception {
        Path data = folder.resolve("data");
        try (ServerProcess first = ServerProcess.start(data, NO_LIMIT)) {
            underLoad(first, 3_000, ServerProcess::kill);
        }
        int acceptedBeforeCrash = accepted.size();
        try (ServerProcess second = ServerProcess.start(data, NO_LIMIT)) {
            retryUnanswered(second.api());
            underLoad(second, accepted.size() + 2_000, ServerProcess::stop);
        }
        try (ServerProcess third = ServerProcess.start(data, NO_LIMIT)) {
            Api api = third.api();
            retryUnanswered(api);
            String[] admin = api.signIn("admin@localhost", ServerProcess.ADMIN_PASSWORD);
            accepted.entrySet().stream().limit(200).forEach(e -> {
                Api.Response ticket = api.get("/api/v1/tickets/" + e.getValue(), admin);
                assertThat(ticket.status()).isEqualTo(200);
                assertThat(ticket.json().get("body").asString()).isEqualTo(body(e.getKey()));
            });
            third.stop();
        }

        Map<String, Integer> stored = storedMarkers(data);
        assertThat(acceptedBeforeCrash).isGreaterThanOrEqualTo(3_000);
        assertThat(stored.keySet()).as("every ticket sent is stored").containsAll(accepted.keySet());
        assertThat(stored.values()).as("no ticket is stored twice").allMatch(n -> n == 1);
        assertThat(stored).hasSize(accepted.size());
    }

    /** Many clients post until {@code target} tickets are accepted; then the server is stopped under them. */
    private void underLoad(ServerProcess server, int target, java.util.function.Consumer<ServerProcess> stop)
            throws InterruptedException {
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = startClients(server.api(), sending);
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= target);
        stop.accept(server);
        sending.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Requests whose answer was lost are sent again with their key: a replay or a first store, never a second. */
    private void retryUnanswered(Api api) {
        for (String marker : Set.copyOf(unanswered)) {
            Api.Response retry = post(api, marker);
            assertThat(retry.status()).as("retry of %s", marker).isEqualTo(202);
            assertThat(accepted.putIfAbsent(marker, retry.json().get("id").asString())).isNull();
            unanswered.remove(marker);
        }
    }

    private ExecutorService startClients(Api api, AtomicBoolean sending) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (sending.get()) {
                    String marker = UUID.randomUUID().toString();
                    unanswered.add(marker);
                    try {
                        Api.Response response = post(api, marker);
                        if (response.status() == 202) {
                            accepted.put(marker, response.json().get("id").asString());
                            unanswered.remove(marker);
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
        }
        return clients;
    }

    /** Each ticket from a customer of its own: no ticket joins another as a duplicate, each is stored as itself. */
    private static Api.Response post(Api api, String marker) {
        return api.post("/api/v1/tickets", """
                {"channel":"api","customer":{"id":"crash-%s"},"body":"%s"}""".formatted(marker, body(marker)),
                "Idempotency-Key", marker);
    }

    private static String body(String marker) {
        return "crash test " + marker;
    }

    private static Map<String, Integer> storedMarkers(Path data) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("switchboard").toAbsolutePath(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT body, COUNT(*) FROM tickets GROUP BY body")) {
            while (rs.next()) {
                counts.put(rs.getString(1).substring("crash test ".length()), rs.getInt(2));
            }
        }
        return counts;
    }
}
