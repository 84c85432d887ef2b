package dev.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/** Mail posted by providers (SendGrid Inbound Parse, Mailgun routes) becomes tickets like mail from the mailbox. */
class InboundMailWebhookTest extends AppTest {

    private static final String SENDGRID_SECRET = "sendgrid-" + UUID.randomUUID();
    private static final String MAILGUN_KEY = "key-" + UUID.randomUUID();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("switchboard.email.sendgrid-key", () -> SENDGRID_SECRET);
        registry.add("switchboard.email.mailgun-signing-key", () -> MAILGUN_KEY);
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private ResponseEntity<String> post(String path, MultiValueMap<String, Object> form, String... headers) {
        return client().post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA)
                .headers(h -> {
                    for (int i = 0; i < headers.length; i += 2) {
                        h.add(headers[i], headers[i + 1]);
                    }
                })
                .body(form).retrieve().toEntity(String.class);
    }

    private static HttpEntity<ByteArrayResource> file(String name, String type, byte[] bytes) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(type));
        return new HttpEntity<>(new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }, headers);
    }

    private static String basic(String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("sendgrid:" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode found(String word) {
        return api().get("/api/v1/tickets?q=" + word, admin()).json().get("items");
    }

    private static JsonNode json(ResponseEntity<String> response) {
        return dev.switchboard.support.Api.JSON.readTree(response.getBody());
    }

    @Test
    void sendgridsParsedMailBecomesATicketOnceAndItsRawAnswerThreads() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        String messageId = "<" + word + "@mail.example.com>";
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("from", "Gus Customer <gus-" + word + "@example.com>");
        form.add("to", "help@example.com");
        form.add("subject", "Printer jams " + word);
        form.add("text", "The printer jams on every page. " + word);
        form.add("headers", "Message-ID: " + messageId + "\nFrom: Gus Customer <gus-" + word + "@example.com>\nSubject: Printer jams\n");
        form.add("attachments", "1");
        form.add("attachment1", file("jam.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));

        assertThat(post("/api/v1/inbound/sendgrid", form).getStatusCode().value()).as("no secret").isEqualTo(401);
        assertThat(post("/api/v1/inbound/sendgrid", form, "Authorization", basic("wrong")).getStatusCode().value()).isEqualTo(401);
        assertThat(found(word)).isEmpty();

        ResponseEntity<String> taken = post("/api/v1/inbound/sendgrid", form, "Authorization", basic(SENDGRID_SECRET));
        assertThat(taken.getStatusCode().value()).isEqualTo(200);
        assertThat(json(taken).get("outcome").asString()).isEqualTo("ticket");
        // SendGrid posts again when it missed the answer: the same ticket.
        assertThat(post("/api/v1/inbound/sendgrid?key=" + SENDGRID_SECRET, form).getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> found(word).size() == 1);
        JsonNode ticket = found(word).get(0);
        String id = ticket.get("id").asString();
        assertThat(ticket.get("channel").asString()).isEqualTo("email");
        JsonNode files = api().get("/api/v1/tickets/" + id + "/attachments", admin()).json();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("filename").asString()).isEqualTo("jam.png");

        // "Send raw": the whole mail in one field. An answer by In-Reply-To, its quoted history cut off.
        MultiValueMap<String, Object> raw = new LinkedMultiValueMap<>();
        raw.add("email", "From: gus-" + word + "@example.com\r\nTo: help@example.com\r\nSubject: more\r\n"
                + "Message-ID: <answer-" + word + "@mail.example.com>\r\nIn-Reply-To: " + messageId + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nIt also smells of smoke.\r\n\r\n> The printer jams\r\n");
        ResponseEntity<String> answer = post("/api/v1/inbound/sendgrid", raw, "Authorization", basic(SENDGRID_SECRET));
        assertThat(json(answer).get("outcome").asString()).isEqualTo("reply");
        JsonNode messages = api().get("/api/v1/tickets/" + id, admin()).json().get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("body").asString()).isEqualTo("It also smells of smoke.");
    }

    @Test
    void aMailTooLongForATicketIsCutNotRefusedAndItsWholeTextKept() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        String messageId = "<" + word + "@mail.example.com>";
        String text = word + " " + "The export keeps failing on every row. ".repeat(2_000); // 78,009 characters
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("from", "Ida " + "Long-Name ".repeat(30) + "<ida-" + word + "@example.com>");
        form.add("subject", "Export fails " + word + " " + "again and ".repeat(40));
        form.add("text", text);
        form.add("headers", "Message-ID: " + messageId + "\n");

        ResponseEntity<String> taken = post("/api/v1/inbound/sendgrid", form, "Authorization", basic(SENDGRID_SECRET));

        assertThat(json(taken).get("outcome").asString()).isEqualTo("ticket");
        await().atMost(Duration.ofSeconds(10)).until(() -> found(word).size() == 1);
        String id = found(word).get(0).get("id").asString();
        JsonNode ticket = api().get("/api/v1/tickets/" + id, admin()).json();
        assertThat(ticket.get("subject").asString()).hasSize(200).endsWith("\u2026");
        assertThat(ticket.get("customer").get("name").asString()).hasSize(200).endsWith("\u2026");
        String body = ticket.get("body").asString();
        assertThat(body).hasSize(50_000).startsWith(word + " The export keeps failing")
                .endsWith("the whole text is attached as mail-text.txt]");
        JsonNode files = api().get("/api/v1/tickets/" + id + "/attachments", admin()).json();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("filename").asString()).isEqualTo("mail-text.txt");
        byte[] whole = api().getBytes("/api/v1/tickets/" + id + "/attachments/" + files.get(0).get("id").asString(), admin()).body();
        assertThat(new String(whole, StandardCharsets.UTF_8)).isEqualTo(text.strip());

        // An answer as long: a message on the ticket, cut the same way (it used to be refused, and a mailbox
        // read it again at every poll).
        MultiValueMap<String, Object> answer = new LinkedMultiValueMap<>();
        answer.add("email", "From: ida-" + word + "@example.com\r\nSubject: Re: Export fails\r\nIn-Reply-To: " + messageId
                + "\r\nMessage-ID: <answer-" + word + "@mail.example.com>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Still failing. ".repeat(5_000) + "\r\n");
        assertThat(json(post("/api/v1/inbound/sendgrid", answer, "Authorization", basic(SENDGRID_SECRET))).get("outcome").asString())
                .isEqualTo("reply");
        JsonNode message = api().get("/api/v1/tickets/" + id, admin()).json().get("messages").get(0);
        assertThat(message.get("body").asString()).hasSizeLessThanOrEqualTo(50_000).startsWith("Still failing.")
                .contains("[cut here: the mail's text has 74999 characters");
        assertThat(api().get("/api/v1/tickets/" + id + "/attachments", admin()).json()).hasSize(2);
    }

    @Test
    void filesNumberedAnyWayAreAllKeptAndAnEmptyFieldFallsBackToTheHeaders() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("from", "");
        form.add("subject", "");
        form.add("headers", "From: Jo <jo-" + word + "@example.com>\nSubject: Scans " + word + "\n");
        form.add("text", "Both scans attached. " + word);
        form.add("attachment99999999999", file("second.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 2}));
        form.add("attachment01", file("first.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1}));
        form.add("attachment1", file("also-first.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0}));

        ResponseEntity<String> taken = post("/api/v1/inbound/sendgrid", form, "Authorization", basic(SENDGRID_SECRET));

        assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> found(word).size() == 1);
        JsonNode ticket = found(word).get(0);
        assertThat(ticket.get("subject").asString()).isEqualTo("Scans " + word);
        assertThat(ticket.get("customer").get("email").asString()).isEqualTo("jo-" + word + "@example.com");
        assertThat(api().get("/api/v1/tickets/" + ticket.get("id").asString() + "/attachments", admin()).json().valueStream()
                .map(f -> f.get("filename").asString())).containsExactlyInAnyOrder("also-first.png", "first.png", "second.png");
    }

    @Test
    void aBodyThatSaysMultipartButIsNotOneIsTheSendersMistake() {
        for (String contentType : new String[] {"multipart/form-data", "multipart/form-data; boundary=xyz"}) {
            ResponseEntity<String> answer = client().post().uri("/api/v1/inbound/sendgrid")
                    .header("Authorization", basic(SENDGRID_SECRET)).header("Content-Type", contentType)
                    .body("--xyz\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\ncut off here")
                    .retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as(contentType).isEqualTo(400);
            assertThat(json(answer).get("type").asString()).isEqualTo("urn:switchboard:problem:malformed-multipart");
        }
    }

    @Test
    void mailgunsSignedPostBecomesATicketAndAnUnsignedOneNothing() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("sender", "hal-" + word + "@example.com");
        form.add("from", "Hal <hal-" + word + "@example.com>");
        form.add("subject", "Cannot reset password " + word);
        form.add("body-plain", "The reset link has expired. " + word);
        form.add("message-headers", "[[\"Message-Id\", \"<" + word + "@mg.example.com>\"], [\"Subject\", \"Cannot reset password\"]]");
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String token = UUID.randomUUID().toString();
        form.add("timestamp", timestamp);
        form.add("token", token);
        form.add("signature", "0".repeat(64));
        assertThat(post("/api/v1/inbound/mailgun", form).getStatusCode().value()).isEqualTo(401);
        assertThat(found(word)).isEmpty();

        form.set("signature", HexFormat.of().formatHex(dev.switchboard.web.Hmac.sha256(MAILGUN_KEY.getBytes(StandardCharsets.UTF_8),
                timestamp + token)));
        ResponseEntity<String> taken = post("/api/v1/inbound/mailgun", form);
        assertThat(taken.getStatusCode().value()).isEqualTo(200);
        assertThat(json(taken).get("outcome").asString()).isEqualTo("ticket");
        await().atMost(Duration.ofSeconds(10)).until(() -> found(word).size() == 1);
        assertThat(found(word).get(0).get("customer").get("email").asString()).isEqualTo("hal-" + word + "@example.com");

        // An out-of-office, by its headers: nothing.
        form.set("message-headers", "[[\"Message-Id\", \"<ooo-" + word + "@mg.example.com>\"], [\"Auto-Submitted\", \"auto-replied\"]]");
        form.set("subject", "Out of office " + word);
        assertThat(json(post("/api/v1/inbound/mailgun", form)).get("outcome").asString()).isEqualTo("automatic");
        assertThat(found(word)).hasSize(1);

        // A post without a usable sender: a problem naming the field, and nothing stored.
        form.set("from", "not an address");
        form.set("message-headers", "[]");
        ResponseEntity<String> bad = post("/api/v1/inbound/mailgun", form);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("\"from\"");
    }
}
