package dev.switchboard.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "switchboard.rate-limit.public-requests=100000")
class IntakeApiTest extends AppTest {

    /** A good ticket; each test's customer is its own, so that no test's ticket joins another's as a duplicate. */
    private final String GOOD = """
            {"channel":"email","customer":{"id":"%s","email":"ann@example.com","name":"Ann","region":"eu"},
             "subject":"Refund please","body":"I was charged twice for order 1234.",
             "attachments":["https://files.example.com/receipt.pdf"],"metadata":{"orderValue":700,"plan":"pro"}}"""
            .formatted(UUID.randomUUID());

    private Api api;
    private String[] admin;

    @BeforeEach
    void signIn() {
        api = api();
        admin = admin();
    }

    @Test
    void anAcceptedTicketIsStoredBeforeTheAnswer() {
        Api.Response response = api.post("/api/v1/tickets", GOOD);

        assertThat(response.status()).isEqualTo(202);
        String id = response.json().get("id").asString();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(response.json().get("status").asString()).isEqualTo("queued");
        assertThat(response.json().get("category").asString()).isNotBlank();
        assertThat(response.header("Location")).isEqualTo("/api/v1/tickets/" + id);
        // The answer goes out whole, with its length (one write), not chunked (SizedJsonHttpMessageConverter).
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.text().getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(response.header("Transfer-Encoding")).isNull();

        Api.Response stored = api.get(response.header("Location"), admin);
        assertThat(stored.status()).isEqualTo(200);
        JsonNode ticket = stored.json();
        assertThat(ticket.get("subject").asString()).isEqualTo("Refund please");
        assertThat(ticket.get("customer").get("email").asString()).isEqualTo("ann@example.com");
        assertThat(ticket.get("metadata").get("orderValue").asInt()).isEqualTo(700);
        assertThat(ticket.get("events").get(0).get("type").asString()).isEqualTo("received");
        assertThat(stored.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void aPhoneTranscriptIsUrgent() {
        Api.Response response = api.post("/api/v1/tickets", """
                {"channel":"phone","customer":{"id":"caller-9"},"body":"Caller says the site is down.",
                 "metadata":{"caller":"+15550100","durationSeconds":184},"priority":"P4"}""");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("priority").asString()).isEqualTo("P1");
    }

    @Test
    void controlCharactersAndNulBytesAreStrippedBeforeStoring() {
        Api.Response response = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"c-7"},"subject":"Hi\\u0000 there","body":"a\\u0000b\\u0007c\\nd"}""");

        JsonNode ticket = api.get(response.header("Location"), admin).json();
        assertThat(ticket.get("subject").asString()).isEqualTo("Hi there");
        assertThat(ticket.get("body").asString()).isEqualTo("abc\nd");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown channel         | {"channel":"fax","customer":{"id":"c"},"body":"x"}                             | channel
            missing customer        | {"channel":"chat","body":"x"}                                                  | customer
            bad email               | {"channel":"chat","customer":{"email":"not-an-email"},"body":"x"}              | customer.email
            email needs a subject   | {"channel":"email","customer":{"email":"a@b.io"},"body":"x"}                   | subject
            empty body              | {"channel":"chat","customer":{"id":"c"},"body":""}                             | body
            ftp attachment          | {"channel":"chat","customer":{"id":"c"},"body":"x","attachments":["ftp://a/b"]} | attachments[0]
            unknown priority        | {"channel":"chat","customer":{"id":"c"},"body":"x","priority":"P0"}            | priority
            metadata not an object  | {"channel":"chat","customer":{"id":"c"},"body":"x","metadata":[1]}             | metadata
            body not a string       | {"channel":"chat","customer":{"id":"c"},"body":{"text":"x"}}                   | body
            attachments not a list  | {"channel":"chat","customer":{"id":"c"},"body":"x","attachments":{"a":1}}      | attachments
            body is an array        | [1,2,3]                                                                        | $
            body a boolean          | {"channel":"chat","customer":{"id":"c"},"body":true}                           | body
            subject a number        | {"channel":"email","customer":{"email":"a@b.io"},"subject":12,"body":"x"}      | subject
            channel a number        | {"channel":5,"customer":{"id":"c"},"body":"x"}                                 | channel
            customer a string       | {"channel":"chat","customer":"c","body":"x"}                                   | customer
            email a number          | {"channel":"chat","customer":{"email":7},"body":"x"}                           | customer.email
            misspelt subject        | {"channel":"chat","customer":{"id":"c"},"body":"x","sbject":"Refund"}          | sbject
            unknown customer field  | {"channel":"chat","customer":{"id":"c","mail":"a@b.io"},"body":"x"}            | customer.mail
            attachment a number     | {"channel":"chat","customer":{"id":"c"},"body":"x","attachments":["https://a/b",3]} | attachments[1]
            """)
    void badInputIsA400ProblemNamingTheField(String caseName, String body, String field) {
        Api.Response response = api.post("/api/v1/tickets", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactly(field);
        assertThat(response.json().get("errors").get(0).get("message").asString()).isNotBlank();
    }

    @Test
    void everyFieldOfTheWrongTypeIsNamedAtOnceWithWhatElseIsWrong() {
        Api.Response response = api.post("/api/v1/tickets",
                "{\"channel\":5,\"customer\":{\"email\":\"not-an-email\",\"name\":[1]},\"subject\":{},\"body\":false,"
                        + "\"priority\":\"P0\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString() + ": " + e.get("message").asString())
                .containsExactlyInAnyOrder("channel: must be a string", "customer.name: must be a string",
                        "subject: must be a string", "body: must be a string", "customer.email: must be a valid email address",
                        "priority: must be one of P1, P2, P3, P4");
    }

    @Test
    void aSubjectOver200CharactersIsNamed() {
        Api.Response response = api.post("/api/v1/tickets",
                "{\"channel\":\"email\",\"customer\":{\"email\":\"a@b.io\"},\"subject\":\"" + "s".repeat(201)
                        + "\",\"body\":\"x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString()).isEqualTo("must be at most 200 characters");
    }

    @Test
    void malformedJsonIsA400SayingWhere() {
        Api.Response response = api.post("/api/v1/tickets", "{\"channel\": \"chat\",");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Malformed JSON");
        assertThat(response.json().get("detail").asString()).contains("line 1");
    }

    @Test
    void jsonNestedPastTheLimitIsA400SayingWhichLimit() {
        String deep = "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500);
        Api.Response response = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"c-deep"},"body":"hi","metadata":%s}""".formatted(deep));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:switchboard:problem:malformed-json");
        assertThat(response.json().get("detail").asString()).contains("nesting depth").doesNotContain("StreamReadConstraints");
    }

    @Test
    void anEmptyBodyIsA400() {
        assertThat(api.post("/api/v1/tickets", "").status()).isEqualTo(400);
    }

    @Test
    void aWrongContentTypeIsA415() {
        Api.Response response = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tickets"))
                .POST(HttpRequest.BodyPublishers.ofString(GOOD)).header("Content-Type", "text/plain"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void anOversizedBodyIsA413BeforeItIsRead() {
        String huge = "{\"channel\":\"chat\",\"customer\":{\"id\":\"c\"},\"body\":\"" + "x".repeat(600_000) + "\"}";

        Api.Response response = api.post("/api/v1/tickets", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void anOversizedChunkedBodyIsCutOffWithA413() {
        byte[] chunk = ("{\"channel\":\"chat\",\"customer\":{\"id\":\"c\"},\"body\":\"" + "x".repeat(600_000) + "\"}").getBytes();
        // An InputStream publisher has no known length, so the client sends it chunked.
        Api.Response response = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tickets"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk)))
                .header("Content-Type", "application/json"));

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameTicket() {
        String key = UUID.randomUUID().toString();

        Api.Response first = api.post("/api/v1/tickets", GOOD, "Idempotency-Key", key);
        Api.Response retry = api.post("/api/v1/tickets", GOOD, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneTicket() {
        String key = UUID.randomUUID().toString();

        List<String> ids = IntStream.range(0, 16).parallel()
                .mapToObj(i -> api.post("/api/v1/tickets", GOOD, "Idempotency-Key", key))
                .peek(r -> assertThat(r.status()).isEqualTo(202))
                .map(r -> r.json().get("id").asString())
                .distinct().toList();

        assertThat(ids).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422() {
        String key = UUID.randomUUID().toString();
        api.post("/api/v1/tickets", GOOD, "Idempotency-Key", key);

        Api.Response other = api.post("/api/v1/tickets", GOOD.replace("twice", "three times"), "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void anUnprintableIdempotencyKeyIsA400() {
        Api.Response response = api.post("/api/v1/tickets", GOOD, "Idempotency-Key", "x".repeat(256));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aBatchAcceptsTheGoodItemsAndNamesTheBadOnes() {
        Api.Response response = api.post("/api/v1/tickets/batch", """
                {"tickets":[
                  {"channel":"api","customer":{"id":"c1"},"body":"first"},
                  {"channel":"api","customer":{"id":"c1"},"body":""},
                  "not a ticket",
                  {"channel":"web_form","customer":{"email":"b@example.com"},"subject":"Hi","body":"third"}
                ]}""", admin);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").asInt()).isEqualTo(2);
        JsonNode results = body.get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(1).get("errors").get(0).get("field").asString()).isEqualTo("tickets[1].body");
        assertThat(results.get(2).get("errors").get(0).get("field").asString()).isEqualTo("tickets[2]");
        String thirdId = results.get(3).get("ticket").get("id").asString();
        assertThat(api.get("/api/v1/tickets/" + thirdId, admin).status()).isEqualTo(200);
    }

    @Test
    void aBatchOfAThousandIsAcceptedAndOneMoreIsRefused() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add("{\"channel\":\"api\",\"customer\":{\"id\":\"bulk-" + i + "\"},\"body\":\"ticket " + i + "\"}");
        }
        String thousand = "{\"tickets\":[" + String.join(",", items.subList(0, 1000)) + "]}";
        String thousandAndOne = "{\"tickets\":[" + String.join(",", items) + "]}";

        Api.Response accepted = api.post("/api/v1/tickets/batch", thousand, admin);
        Api.Response refused = api.post("/api/v1/tickets/batch", thousandAndOne, admin);

        assertThat(accepted.json().get("accepted").asInt()).isEqualTo(1000);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("tickets");
    }

    @Test
    void aBatchRetriedWithItsKeyReplaysEveryItem() {
        String batch = """
                {"tickets":[{"channel":"api","customer":{"id":"c1"},"body":"one"},
                            {"channel":"api","customer":{"id":"c2"},"body":"two"}]}""";
        String key = UUID.randomUUID().toString();

        JsonNode first = api.post("/api/v1/tickets/batch", batch, Api.join(admin, "Idempotency-Key", key)).json();
        JsonNode retry = api.post("/api/v1/tickets/batch", batch, Api.join(admin, "Idempotency-Key", key)).json();

        for (int i = 0; i < 2; i++) {
            assertThat(retry.get("results").get(i).get("ticket").get("id"))
                    .isEqualTo(first.get("results").get(i).get("ticket").get("id"));
            assertThat(retry.get("results").get(i).get("replayed").asBoolean()).isTrue();
        }
    }

    @Test
    void aBatchNeedsCredentialsAndATicketsArray() {
        assertThat(api.post("/api/v1/tickets/batch", "{\"tickets\":[]}").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/tickets/batch", "{\"tickets\":[]}", admin).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/tickets/batch", "{\"items\":[]}", admin).json().get("errors").get(0).get("field")
                .asString()).isEqualTo("tickets");
        Api.Response extra = api.post("/api/v1/tickets/batch",
                "{\"tickets\":[{\"channel\":\"chat\",\"customer\":{\"id\":\"c\"},\"body\":\"x\"}],\"dryRun\":true}", admin);
        assertThat(extra.status()).as("nothing is accepted from a body with a field it does not have").isEqualTo(400);
        assertThat(extra.json().get("errors").get(0).get("field").asString()).isEqualTo("dryRun");
    }

    @Test
    void readingATicketNeedsCredentialsAndAnUnknownIdIsA404() {
        String location = api.post("/api/v1/tickets", GOOD).header("Location");

        assertThat(api.get(location).status()).isEqualTo(401);
        assertThat(api.get(location, "Authorization", "Bearer sbk_not-a-key").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/tickets/01M83QQQQD1WSZRTFFYGBXF16X", admin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tickets/not-an-id", admin).status()).isEqualTo(404);
    }
}
