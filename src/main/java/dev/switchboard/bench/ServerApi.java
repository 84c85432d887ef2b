package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The server's public HTTP API, as the bench uses it: sign-in, teams and agents, tickets. */
final class ServerApi {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What came back: the status and the body (JSON when there is one). */
    record Reply(int status, String body, String etag) {
        JsonNode json() {
            return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final URI base;
    private final HttpClient http;
    private volatile String apiKey;

    ServerApi(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The stream's URL: ws(s)://host/api/v1/stream. */
    URI streamUri() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "/api/v1/stream");
    }

    /** Signs in; the bearer token. A refused sign-in says why (the server's rate limit, most often). */
    String signIn(String email, String password) throws IOException, InterruptedException {
        Reply reply = send("POST", "/api/v1/auth/token", Map.of("email", email, "password", password), null);
        if (reply.status() == 429) {
            throw new IllegalStateException("the server refused a sign-in with 429 (its sign-in limit); start it with"
                    + " --switchboard.auth.sign-ins-per-minute above the number of agents for benchmarks");
        }
        if (!reply.ok()) {
            throw new IllegalStateException("sign-in of " + email + " failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("access_token").asString();
    }

    Reply createTeam(String name, Collection<String> categories, String admin) throws IOException, InterruptedException {
        return send("POST", "/api/v1/teams", Map.of("name", name, "categories", categories), admin);
    }

    /** What the server's triage would decide for these tickets, storing nothing. */
    Reply previewTriage(java.util.List<?> tickets, String admin) throws IOException, InterruptedException {
        return send("POST", "/api/v1/triage/preview", Map.of("tickets", tickets), admin);
    }

    Reply createAgent(Map<String, Object> agent, String admin) throws IOException, InterruptedException {
        return send("POST", "/api/v1/agents", agent, admin);
    }

    Reply createApiKey(String name, int ticketsPerMinute, String admin) throws IOException, InterruptedException {
        return send("POST", "/api/v1/api-keys", Map.of("name", name, "rateLimitPerMinute", ticketsPerMinute), admin);
    }

    /** Tickets are posted with this key from now on, as an integration posts them. */
    void useApiKey(String key) {
        this.apiKey = key;
    }

    Reply delete(String path, String admin) throws IOException, InterruptedException {
        return send("DELETE", path, null, admin);
    }

    /** Posts a ticket (a JSON body ready to send) with the API key in use, if any. */
    Reply postTicket(String body) throws IOException, InterruptedException {
        return exchange("POST", "/api/v1/tickets", HttpRequest.BodyPublishers.ofString(body), apiKey);
    }

    private Reply send(String method, String path, Object body, String bearer) throws IOException, InterruptedException {
        return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)), bearer);
    }

    /** One request with a JSON body; times out after 30 s. */
    private Reply exchange(String method, String path, HttpRequest.BodyPublisher body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body)
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return reply(response);
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(""));
    }

    /**
     * An agent corrects a ticket's category as a person would: reads it (for its ETag), then changes it
     * under {@code If-Match}. A conflict (routing moved it meanwhile) answers with the ticket as it is now
     * and its ETag: the change is tried again with that ETag, twice at most, without reading it again.
     */
    CompletableFuture<Reply> recategorise(String ticketId, String category, String agentToken) {
        String path = "/api/v1/tickets/" + ticketId;
        return http.sendAsync(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET()
                        .header("Authorization", "Bearer " + agentToken).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(ServerApi::reply)
                .thenCompose(read -> !read.ok() ? CompletableFuture.completedFuture(read)
                        : recategorise(path, category, agentToken, read.etag(), 3));
    }

    private CompletableFuture<Reply> recategorise(String path, String category, String agentToken, String etag, int attempts) {
        return http.sendAsync(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("category", category))))
                        .header("Content-Type", "application/json").header("If-Match", etag)
                        .header("Authorization", "Bearer " + agentToken).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(ServerApi::reply)
                .thenCompose(patched -> patched.status() == 409 && attempts > 1 && !patched.etag().isEmpty()
                        ? recategorise(path, category, agentToken, patched.etag(), attempts - 1)
                        : CompletableFuture.completedFuture(patched));
    }
}
