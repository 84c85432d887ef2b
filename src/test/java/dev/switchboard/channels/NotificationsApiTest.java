package dev.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks against a local HTTP receiver: signed, retried, parked when the endpoint stays dead without
 * holding up other deliveries, replayed; and an SLA breach announced by webhook and to Slack.
 */
@DirtiesContext // its subscriptions would announce every other test's tickets
@TestPropertySource(properties = {"switchboard.notifications.first-retry=100ms", "switchboard.notifications.max-attempts=3",
        "switchboard.notifications.timeout=700ms", "switchboard.notifications.poll-interval=50ms",
        "switchboard.notifications.sla-check-interval=200ms", "switchboard.routing.first-response.P3=1s"})
class NotificationsApiTest extends AppTest {

    /** What the receiver got: path, headers, body. */
    record Received(String path, Map<String, String> headers, String body) {
    }

    static final HttpServer RECEIVER;
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Answers by path: how many failures (500) before it answers 200; "/dead" waits past the timeout. */
    static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

    static {
        try {
            RECEIVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RECEIVER.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        RECEIVER.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
            String path = exchange.getRequestURI().getPath();
            RECEIVED.add(new Received(path, headers, body));
            if (path.startsWith("/dead")) {
                try {
                    Thread.sleep(2_000); // the endpoint hangs: each attempt times out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AtomicInteger left = FAILURES_LEFT.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("switchboard.notifications.slack-webhook-url", () -> receiver("/slack"));
    }

    static String receiver(String path) {
        return "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + path;
    }

    private final List<String> subscriptions = new CopyOnWriteArrayList<>();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        RECEIVED.clear();
    }

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(id -> api().delete("/api/v1/webhooks/" + id, admin()));
    }

    private JsonNode subscribe(String path, String events) {
        Api.Response created = api().post("/api/v1/webhooks", """
                {"name":"%s","url":"%s","events":[%s]}""".formatted(path, receiver(path), events), admin());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        subscriptions.add(created.json().get("id").asString());
        return created.json();
    }

    private String postTicket(String priority) {
        return api().post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"%s"},"body":"a question about plans","priority":"%s"}"""
                .formatted(UUID.randomUUID(), priority)).json().get("id").asString();
    }

    private List<Received> at(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void aDeliveryIsSignedWithTheSubscriptionsSecret() {
        String secret = subscribe("/signed", "\"ticket.created\"").get("secret").asString();
        String id = postTicket("P3");

        await().atMost(Duration.ofSeconds(10)).until(() -> !at("/signed").isEmpty());
        Received got = at("/signed").getFirst();
        assertThat(got.headers().get("x-switchboard-event")).isEqualTo("ticket.created");
        assertThat(got.headers().get("x-switchboard-signature")).isEqualTo("sha256=" + WebhookDispatcher.sign(secret, got.body()));
        assertThat(got.headers().get("x-switchboard-signature")).isNotEqualTo("sha256=" + WebhookDispatcher.sign("wrong", got.body()));
        JsonNode body = Api.JSON.readTree(got.body());
        assertThat(body.get("ticketId").asString()).isEqualTo(id);
        assertThat(body.get("detail").get("category").asString()).isNotBlank();
        assertThat(api().get("/api/v1/webhooks", admin()).text()).doesNotContain(secret);
    }

    /**
     * The secret is stored sealed; a node that cannot open it (it holds another key) sends nothing
     * unsigned: the delivery fails with the reason, for admins to see.
     */
    @Test
    void aSecretThisNodeCannotReadIsNotSentUnsigned() {
        String id = subscribe("/other-key", "\"ticket.created\"").get("id").asString();
        String stored = jdbc.queryForObject("SELECT secret FROM webhook_subscriptions WHERE id = ?", String.class, id);
        assertThat(stored).startsWith("sealed:v1:");
        jdbc.update("UPDATE webhook_subscriptions SET secret = ? WHERE id = ?",
                new dev.switchboard.store.SecretSeal("a key another node was given !!!".getBytes(StandardCharsets.UTF_8))
                        .seal(id, "whsec_theirs"), id);
        postTicket("P3");

        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/api/v1/webhooks/deliveries?status=parked", admin()).json()
                .valueStream().anyMatch(d -> d.get("lastError").asString("").contains("cannot read the subscription's signing secret")));
        assertThat(at("/other-key")).as("nothing sent unsigned or signed with a wrong key").isEmpty();
    }

    @Test
    void aFailedDeliveryIsTriedAgainUntilItGetsThrough() {
        FAILURES_LEFT.put("/flaky", new AtomicInteger(2));
        subscribe("/flaky", "\"ticket.created\"");
        postTicket("P3");

        await().atMost(Duration.ofSeconds(10)).until(() -> at("/flaky").size() >= 3);
        List<String> deliveryIds = at("/flaky").stream().map(r -> r.headers().get("x-switchboard-delivery")).distinct().toList();
        assertThat(deliveryIds).as("the same delivery, three times").hasSize(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api().get(
                "/api/v1/webhooks/deliveries?status=delivered", admin()).json().valueStream()
                .anyMatch(d -> d.get("id").asString().equals(deliveryIds.getFirst()) && d.get("attempts").asInt() == 3)).isTrue());
    }

    @Test
    void aDeadEndpointIsParkedWithoutHoldingUpOthersAndCanBeReplayed() {
        subscribe("/dead", "\"ticket.created\"");
        subscribe("/alive", "\"ticket.created\"");
        postTicket("P3");

        await("the live endpoint is served while the dead one hangs").atMost(Duration.ofSeconds(3))
                .until(() -> !at("/alive").isEmpty());
        await().atMost(Duration.ofSeconds(15)).until(() -> api().get("/api/v1/webhooks/deliveries?status=parked", admin()).json()
                .valueStream().anyMatch(d -> d.get("lastError").asString("").contains("Timeout")));
        JsonNode parked = api().get("/api/v1/webhooks/deliveries?status=parked", admin()).json().get(0);
        assertThat(parked.get("attempts").asInt()).isEqualTo(3);
        assertThat(at("/dead")).hasSize(3);

        Api.Response replayed = api().post("/api/v1/webhooks/deliveries/" + parked.get("id").asString() + "/replay", "{}", admin());
        assertThat(replayed.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> at("/dead").size() >= 4);
    }

    @Test
    void aMissedFirstResponseIsABreachOnTheTicketAnnouncedByWebhookAndToSlack() {
        subscribe("/sla", "\"ticket.sla_breached\"");
        String id = postTicket("P3"); // a P3's first response is due after 1 s here, and no agent is there to answer

        await().atMost(Duration.ofSeconds(10)).until(() -> !at("/sla").isEmpty());
        JsonNode breach = Api.JSON.readTree(at("/sla").getFirst().body());
        assertThat(breach.get("ticketId").asString()).isEqualTo(id);
        assertThat(breach.get("detail").get("target").asString()).isEqualTo("first_response");
        JsonNode ticket = api().get("/api/v1/tickets/" + id, admin()).json();
        assertThat(ticket.get("sla").get("firstResponseBreached").asBoolean()).isTrue();
        assertThat(ticket.get("sla").get("resolutionBreached").asBoolean()).isFalse();
        assertThat(ticket.get("events")).extracting(e -> e.get("type").asString()).containsOnlyOnce("sla_breached");
        await().atMost(Duration.ofSeconds(10)).until(() -> at("/slack").stream().anyMatch(r -> r.body().contains("SLA breached")
                && r.body().contains(id)));
        assertThat(at("/slack").getFirst().headers()).doesNotContainKey("x-switchboard-signature");
    }

    @Test
    void subscriptionsAreCheckedAndForAdminsOnly() {
        Api.Response bad = api().post("/api/v1/webhooks", "{\"name\":\"\",\"url\":\"ftp://nope\",\"events\":[\"ticket.eaten\"]}", admin());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactlyInAnyOrder("name", "url", "events");
        assertThat(api().get("/api/v1/webhooks").status()).isEqualTo(401);
    }
}
