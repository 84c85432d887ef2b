package dev.switchboard.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.support.Api;
import dev.switchboard.support.ServerProcess;
import dev.switchboard.support.StreamClient;
import dev.switchboard.support.TestDatabases;
import tools.jackson.databind.JsonNode;

/**
 * Two Switchboard nodes as processes of their own, on a standalone Kafka broker
 * ({@code scripts/kafka-local.sh}) and one PostgreSQL, with agents connected to both. Tickets go in
 * through both nodes under load; one node is killed with SIGKILL in the middle, its agents reconnect to
 * the other. At the end every accepted ticket is assigned and acknowledged exactly once, none lost, none
 * held by two agents.
 */
class ClusterIT {

    private static final int TEAMS = 3;
    private static final int AGENTS_PER_TEAM = 2;
    private static final int TICKETS = 300;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path folder;

    private Path kafkaDir;
    private String schema;
    private final List<Agent> agents = new CopyOnWriteArrayList<>();

    /** A simulated agent: acknowledges every offer on whichever node they are connected to. */
    private static final class Agent implements AutoCloseable {
        final String name;
        final String token;
        final Map<String, String> acked;
        volatile StreamClient client;
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread reader;

        Agent(String name, String token, Map<String, String> acked, int port) {
            this.name = name;
            this.token = token;
            this.acked = acked;
            this.client = StreamClient.connect(port, token);
            client.next("welcome", Duration.ofSeconds(10));
            this.reader = Thread.ofVirtual().start(this::work);
        }

        private void work() {
            while (running.get()) {
                StreamClient current = client;
                try {
                    String id = current.next("assignment", Duration.ofMillis(500)).get("ticket").get("id").asString();
                    current.ack(id);
                    acked.merge(id, name, (a, b) -> a + "," + b);
                } catch (AssertionError | RuntimeException quiet) {
                    // nothing offered just now, or the connection is gone until reconnect()
                }
            }
        }

        void reconnect(int port) {
            client = StreamClient.connect(port, token);
            client.next("welcome", Duration.ofSeconds(10));
        }

        @Override
        public void close() {
            running.set(false);
            client.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        agents.forEach(Agent::close);
        if (kafkaDir != null) {
            kafka("stop");
        }
        if (schema != null) {
            TestDatabases.dropSchema(schema);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int kafkaPort;
    private int controllerPort;

    private void kafka(String command) throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("bash", "scripts/kafka-local.sh", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("kafka-script.log").toFile()));
        script.environment().put("KAFKA_LOCAL_DIR", kafkaDir.toString());
        script.environment().put("KAFKA_LIB_DIR", Path.of("target", "tools", "kafka").toAbsolutePath().toString());
        script.environment().put("KAFKA_PORT", Integer.toString(kafkaPort));
        script.environment().put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        Process process = script.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("kafka-local.sh " + command + " failed: " + Files.readString(folder.resolve("kafka-script.log")));
        }
    }

    private static final String SHARED_PORTAL_KEY = randomKey();
    private static final String SHARED_SECRET_KEY = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private ServerProcess node(String name) {
        return ServerProcess.start(folder.resolve("data-" + name),
                "--switchboard.backbone=kafka", "--spring.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort,
                "--switchboard.backbone.node=" + name, "--switchboard.backbone.partitions=6",
                "--spring.datasource.url=" + TestDatabases.postgresUrl(schema),
                "--spring.datasource.username=" + TestDatabases.postgresUser(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                "--switchboard.routing.ack-timeout=5s", "--switchboard.auth.sign-ins-per-minute=1000",
                "--switchboard.rate-limit.public-requests=100000",
                // The keys every node of a deployment shares (docs/deploy.md).
                "--switchboard.workspace.portal-link-key=" + SHARED_PORTAL_KEY,
                "--switchboard.notifications.secret-key=" + SHARED_SECRET_KEY);
    }

    @Test
    void everyAcceptedTicketIsAssignedExactlyOnceWhenANodeIsKilledUnderLoad() throws Exception {
        TestDatabases.requirePostgres();
        schema = TestDatabases.newPostgresSchema();
        kafkaDir = folder.resolve("kafka");
        kafkaPort = freePort();
        controllerPort = freePort();
        kafka("start");

        Map<String, String> acked = new ConcurrentHashMap<>();
        List<String> accepted = new CopyOnWriteArrayList<>();
        try (ServerProcess a = node("node-a")) {
            Api apiA = a.api();
            String[] admin = apiA.signIn("admin@localhost", ServerProcess.ADMIN_PASSWORD);
            ADMIN = admin;
            String current = apiA.get("/api/v1/triage/rules", admin).json().get("yaml").asString();
            StringBuilder rules = new StringBuilder("rules:\n");
            List<String> teams = teamsOnBothHalves();
            for (String team : teams) {
                assertThat(apiA.post("/api/v1/teams", "{\"name\":\"" + team + "\",\"categories\":[]}", admin).status()).isEqualTo(201);
                rules.append("""
                          - name: tier-%1$s
                            when: { customer-tier: [%1$s] }
                            then: { team: %1$s, category: general_inquiry }
                        """.formatted(team));
                for (int i = 0; i < AGENTS_PER_TEAM; i++) {
                    apiA.post("/api/v1/agents", """
                            {"email":"%s-%d@example.com","name":"%s %d","password":"agent-password","team":"%s",
                             "skills":["general_inquiry"],"capacity":1000}""".formatted(team, i, team, i, team), admin);
                }
            }
            assertThat(apiA.send("PUT", "/api/v1/triage/rules", "application/yaml",
                    current.replaceFirst("rules:\\s*\\n", java.util.regex.Matcher.quoteReplacement(rules.toString())), admin).status())
                    .isEqualTo(200);

            try (ServerProcess b = node("node-b")) {
                Api apiB = b.api();
                // Agents on both nodes: the first of each team on A, the second on B.
                for (String team : teams) {
                    for (int i = 0; i < AGENTS_PER_TEAM; i++) {
                        String token = apiA.signIn(team + "-" + i + "@example.com", "agent-password")[1].substring("Bearer ".length());
                        agents.add(new Agent(team + "-" + i, token, acked, i % 2 == 0 ? a.port() : b.port()));
                    }
                }
                // Let the routing group settle on both nodes: a ticket of each team goes out and is acknowledged.
                List<String> first = new ArrayList<>();
                for (String team : teams) {
                    first.add(post(-1, apiA, team));
                }
                accepted.addAll(first);
                await().atMost(WAIT).until(() -> acked.keySet().containsAll(first));

                // Load through both nodes; B dies half-way.
                int throughB = 0;
                for (int i = 0; i < TICKETS; i++) {
                    Api through = i % 2 == 0 ? apiA : apiB;
                    if (i == TICKETS / 2) {
                        assertThat(throughB).as("tickets accepted by B before it died").isPositive();
                        assertThat(acked.values().stream().filter(agent -> agent.endsWith("-1")).count())
                                .as("offers pushed to B's agents, whoever routed them").isPositive();
                        b.kill();
                        for (Agent agent : agents) {
                            if (agent.name.endsWith("-1")) {
                                agent.reconnect(a.port()); // the load balancer sends them to the node that is left
                            }
                        }
                    }
                    if (i >= TICKETS / 2 && through == apiB) {
                        through = apiA;
                    }
                    String id = post(i, through, teams.get(i % TEAMS));
                    if (id != null) {
                        accepted.add(id);
                        throughB += through == apiB ? 1 : 0;
                    }
                    Thread.sleep(10); // about 100 tickets a second
                }
            }

            // Every accepted ticket ends acknowledged by one agent, once, as the store says.
            try {
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> acked.keySet().containsAll(accepted)
                        && accepted.stream().allMatch(id -> status(apiA, admin, id).equals("open")));
            } catch (org.awaitility.core.ConditionTimeoutException stuck) {
                StringBuilder report = new StringBuilder("tickets not acknowledged:\n");
                accepted.stream().filter(id -> !status(apiA, admin, id).equals("open")).limit(5).forEach(id ->
                        report.append(apiA.get("/api/v1/tickets/" + id, admin).text()).append('\n'));
                String log = a.log();
                throw new AssertionError(report + "\nnode A's log (end):\n" + log.substring(Math.max(0, log.length() - 6000)), stuck);
            }
            for (String id : accepted) {
                JsonNode ticket = apiA.get("/api/v1/tickets/" + id, admin).json();
                long acknowledgements = ticket.get("events").valueStream()
                        .filter(e -> e.get("type").asString().equals("acknowledged")).count();
                assertThat(acknowledgements).as("ticket %s acknowledged once", id).isEqualTo(1);
                assertThat(ticket.get("assignee").isNull()).as("ticket %s held", id).isFalse();
            }
            assertThat(Set.copyOf(accepted)).hasSameSizeAs(accepted);
            assertThat(a.log()).as("A took over B's teams").contains("node node-a routes 6 of 6 partitions");
            a.stop();
        }
    }

    /**
     * Team names whose partitions (of 6) fall in both halves: whichever node the range assignor gives
     * which half, each routes a team, so the one killed has teams to hand over.
     */
    private static List<String> teamsOnBothHalves() {
        List<String> teams = new ArrayList<>();
        boolean low = false;
        boolean high = false;
        for (int n = 0; teams.size() < TEAMS; n++) {
            String team = "crew" + n;
            boolean isLow = KafkaBackbone.partitionOf(team, 6) < 3;
            if (teams.size() == TEAMS - 1 && (isLow ? !high : !low) && !(low && high)) {
                continue; // the last one must cover the half still missing
            }
            teams.add(team);
            low |= isLow;
            high |= !isLow;
        }
        return teams;
    }

    /** The admin's bearer header, for posting tickets above the public rate limit. */
    private static String[] ADMIN = new String[2];

    /** Posts a ticket for the team; its id when accepted, null when the node did not answer 202. */
    private static String post(int i, Api api, String team) {
        try {
            Api.Response r = api.post("/api/v1/tickets", """
                    {"channel":"chat","customer":{"id":"%s","tier":"%s"},"body":"cluster ticket %d"}"""
                    .formatted(UUID.randomUUID(), team, i), ADMIN[0], ADMIN[1]);
            return r.status() == 202 ? r.json().get("id").asString() : null;
        } catch (RuntimeException nodeGone) {
            return null;
        }
    }

    private static String status(Api api, String[] admin, String id) {
        return api.get("/api/v1/tickets/" + id, admin).json().get("status").asString();
    }
}
