package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/** The chat widget's API without a browser: its checks, its privacy, its CORS. */
@org.springframework.test.context.TestPropertySource(properties = "switchboard.chat.streams-per-conversation=2")
class ChatApiTest extends AppTest {

    @Autowired
    ConversationStreams streams;

    private JsonNode open(String email, String text) {
        Api.Response r = api().post("/api/v1/chat/conversations", """
                {"name":"Jo","email":"%s","text":"%s"}""".formatted(email, text));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    @Test
    void aConversationIsReadAndWrittenWithItsTokenOnlyAndShowsNoNotes() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode chat = open("jo-" + word + "@example.com", "My invoice is wrong " + word);
        String token = chat.get("token").asString();
        String id = chat.get("ticketId").asString();
        assertThat(chat.get("messages").get(0).get("text").asString()).isEqualTo("My invoice is wrong " + word);

        assertThat(api().post("/api/v1/tickets/" + id + "/messages", "{\"body\":\"internal only\",\"internal\":true}", admin()).status())
                .isEqualTo(201);
        assertThat(api().post("/api/v1/tickets/" + id + "/messages", "{\"body\":\"We are on it.\"}", admin()).status()).isEqualTo(201);
        Api.Response said = api().post("/api/v1/chat/conversations/" + token + "/messages", "{\"text\":\"Thanks!\"}");
        assertThat(said.status()).isEqualTo(201);
        assertThat(said.json().get("from").asString()).isEqualTo("customer");

        JsonNode read = api().get("/api/v1/chat/conversations/" + token).json();
        assertThat(read.get("messages").toString()).contains("We are on it.", "Thanks!").doesNotContain("internal only");
        assertThat(read.get("messages").get(1).get("from").asString()).isEqualTo("agent");

        assertThat(api().get("/api/v1/chat/conversations/" + id + ".forged").status()).isEqualTo(404);
        assertThat(api().post("/api/v1/chat/conversations/" + id + ".forged/messages", "{\"text\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void aSecondChatWithSomeoneElsesAddressOpensItsOwnTicketNotTheirs() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        String victim = "kim-" + word + "@example.com";
        JsonNode first = open(victim, "My invoice is wrong " + word);
        JsonNode second = open(victim, "My invoice is wrong " + word + " again");
        assertThat(second.get("ticketId").asString()).isNotEqualTo(first.get("ticketId").asString());
        assertThat(second.get("messages")).hasSize(1);
    }

    @Test
    void badInputNamesTheWidgetsFields() {
        Api.Response bad = api().post("/api/v1/chat/conversations", "{\"name\":\"Jo\",\"email\":\"not-an-address\",\"text\":\"\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").toString()).contains("\"email\"", "\"text\"");
        // In the customer's words: the widget has no customer id to give instead of an email.
        Api.Response noEmail = api().post("/api/v1/chat/conversations", "{\"name\":\"Jo\",\"text\":\"hello\"}");
        assertThat(noEmail.json().get("errors")).extracting(e -> e.get("field").asString() + ": " + e.get("message").asString())
                .containsExactly("email: is required");
    }

    @Test
    void otherSitesMayCallTheChatApiButNoOtherApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat/conversations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tickets"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com").header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** A conversation's live view, as the widget's EventSource asks for it. */
    private HttpRequest events(String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat/conversations/" + token + "/events"))
                .header("Accept", "text/event-stream").build();
    }

    @Test
    void aConversationHasAtMostStreamsPerConversationLiveViewsOpen() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        String token = open("mo-" + word + "@example.com", "Two tabs open " + word).get("token").asString();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest events = events(token);
        List<String> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            http.sendAsync(events, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(seen::add));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> seen.stream().filter(line -> line.contains("Two tabs open " + word)).count() == 2);

        HttpResponse<String> third = http.send(events, HttpResponse.BodyHandlers.ofString());

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.body()).contains("2 live views open already");
        String other = open("mo2-" + word + "@example.com", "Another chat " + word).get("token").asString();
        HttpResponse<java.util.stream.Stream<String>> elsewhere = http.send(events(other), HttpResponse.BodyHandlers.ofLines());
        assertThat(elsewhere.statusCode()).as("the limit is per conversation").isEqualTo(200);
    }

    /**
     * A node that stops ends its live views first (each browser reconnects with the last message it has),
     * so that the web server's graceful shutdown does not wait its whole timeout for streams that never end.
     */
    @Test
    void aStoppingNodeEndsItsLiveViewsAndOneOpenedMeanwhileGetsWhatItMissedAndEnds() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        String token = open("lu-" + word + "@example.com", "Where is my refund " + word).get("token").asString();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest events = events(token);
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = http.sendAsync(events, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(seen::add));
        await().atMost(Duration.ofSeconds(15)).until(() -> seen.stream().anyMatch(line -> line.contains("Where is my refund " + word)));
        assertThat(ended).isNotDone();
        try {
            streams.stop();

            ended.get(15, TimeUnit.SECONDS); // the stream ended: the server closed it
            HttpResponse<java.util.stream.Stream<String>> meanwhile = http.send(events, HttpResponse.BodyHandlers.ofLines());
            assertThat(meanwhile.statusCode()).isEqualTo(200);
            assertThat(meanwhile.body()).as("what it missed, then the end").anyMatch(line -> line.contains("Where is my refund " + word));
        } finally {
            streams.start();
        }
    }
}
