package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/**
 * Every refusal is an RFC 9457 problem, whichever layer makes it: Spring MVC's handlers, Spring Security's
 * firewall before any filter, the container's error page, and Tomcat itself before the application runs.
 */
class ProblemResponsesTest extends AppTest {

    /** The answer to a request line sent as it is, byte for byte (an HTTP client would refuse to send some). */
    private record Raw(int status, String contentType, String body) {
        JsonNode json() {
            return Api.JSON.readTree(body);
        }
    }

    private Raw raw(String method, String target, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            // One char a byte, so that chunk sizes count right; the body is decoded as UTF-8 at the end.
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headEnd);
            String body = response.substring(headEnd + 4);
            if (head.lines().anyMatch(line -> line.equalsIgnoreCase("Transfer-Encoding: chunked"))) {
                body = unchunk(body);
            }
            String contentType = head.lines().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).trim()).findFirst().orElse("");
            return new Raw(Integer.parseInt(head.substring(9, 12)), contentType,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tickets/%E2%82", "/api/v1/tickets/%u0000", "/api/v1/teams/a%2Fb"})
    void aPathTomcatCannotDecodeOrMapIsAProblemNotAnHtmlPage(String path) throws IOException {
        Raw answer = raw("GET", path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(answer.json().get("title").asString()).isEqualTo("Bad Request");
        assertThat(answer.json().get("detail").asString()).contains("percent-encode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tickets/a;b", "/api//v1/tickets", "/api/v1/tickets/%25", "/desk/%0a"})
    void aPathTheFirewallRefusesIsAProblemSayingWhy(String path) throws IOException {
        Raw answer = raw("GET", path, "Accept: application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:switchboard:problem:malformed-request");
        assertThat(answer.json().get("detail").asString()).contains("rejected");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsNamed() {
        Api.Response answer = api().get("/api/v1/tickets?limit=ten", admin());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:switchboard:problem:invalid-request");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(answer.json().get("errors").get(0).get("message").asString()).isEqualTo("must be a whole number");
    }

    @Test
    void anErrorSentToTheErrorPageIsAProblemForApiClientsAndAPageForBrowsers() throws IOException {
        // The container's error page, asked for directly as the container would forward to it.
        Raw api = raw("GET", "/error", "Accept: application/json");
        Raw browser = raw("GET", "/error", "Accept: text/html");

        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.json().has("status")).isTrue();
        assertThat(api.json().has("timestamp")).as("not Spring Boot's own shape").isFalse();
        assertThat(browser.contentType()).startsWith("text/html");
    }
}
