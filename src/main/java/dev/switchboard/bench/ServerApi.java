package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's public HTTP API, as the bench uses it: sign-in, teams and agents, tickets.
 *
 * <p>The set-up's and the agents' calls block on a bounded pool of Apache HttpClient's keep-alive
 * connections, one request at a time on each, from the caller's thread. The customers' posts, the bulk of a
 * run, go through Apache HttpClient's non-blocking client instead ({@link #postTicket}): one I/O thread writes
 * them on a pool of {@code connections} keep-alive connections and reads their answers, and a post due while
 * all are busy waits for one. A thread (virtual or not) per post cost a hand-over to it and back for
 * every ticket (docs/benchmarks.md). The JDK's client hands every exchange through its selector thread, a
 * worker pool and a chain of futures; on a machine the server shares, that was about 0.9 ms of CPU a
 * ticket, half of what the server itself spent.
 */
final class ServerApi implements AutoCloseable {

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

    /**
     * Both clients' connections. One idle for a while is checked before it is used again: the server may have
     * closed it (its keep-alive timeout), and a post is never sent twice.
     */
    private static final ConnectionConfig CONNECTIONS = ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
            .setSocketTimeout(Timeout.ofSeconds(30)).setValidateAfterInactivity(org.apache.hc.core5.util.TimeValue.ofSeconds(2)).build();
    /** Both clients' requests: an answer within 30 s, and a connection for it within 30 s. */
    private static final RequestConfig REQUESTS = RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30))
            .setConnectionRequestTimeout(Timeout.ofSeconds(30)).build();

    private final URI base;
    private final CloseableHttpClient http;
    private final CloseableHttpAsyncClient posts;
    /** Where the agents' corrections run, blocking, so that an agent's stream listener never waits on them. */
    private final ExecutorService corrections = Executors.newVirtualThreadPerTaskExecutor();
    private volatile String apiKey;

    /** {@code connections}: the pool's size, the most requests on the wire at once; more wait for a connection. */
    ServerApi(URI base, int connections) {
        this.base = base;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(REQUESTS)
                // A post is sent once: a request that failed is an error in the figures, not a silent second try.
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableAuthCaching()
                .disableContentCompression()
                .build();
        this.posts = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(CONNECTIONS)
                        .build())
                // One I/O thread: the load generator's cores are the server's too.
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setDefaultRequestConfig(REQUESTS)
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableAuthCaching()
                .build();
        posts.start();
    }

    @Override
    public void close() {
        corrections.close();
        posts.close(CloseMode.GRACEFUL);
        http.close(CloseMode.GRACEFUL);
    }

    /** The stream's URL: ws(s)://host/api/v1/stream. */
    URI streamUri() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "/api/v1/stream");
    }

    /** Signs in; the bearer token. A refused sign-in says why (the server's rate limit, most often). */
    String signIn(String email, String password) throws IOException {
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

    Reply createTeam(String name, Collection<String> categories, String admin) throws IOException {
        return send("POST", "/api/v1/teams", Map.of("name", name, "categories", categories), admin);
    }

    /** What the server's triage would decide for these tickets, storing nothing. */
    Reply previewTriage(java.util.List<?> tickets, String admin) throws IOException {
        return send("POST", "/api/v1/triage/preview", Map.of("tickets", tickets), admin);
    }

    Reply createAgent(Map<String, Object> agent, String admin) throws IOException {
        return send("POST", "/api/v1/agents", agent, admin);
    }

    Reply createApiKey(String name, int ticketsPerMinute, String admin) throws IOException {
        return send("POST", "/api/v1/api-keys", Map.of("name", name, "rateLimitPerMinute", ticketsPerMinute), admin);
    }

    /** Tickets are posted with this key from now on, as an integration posts them. */
    void useApiKey(String key) {
        this.apiKey = key;
    }

    Reply delete(String path, String admin) throws IOException {
        return send("DELETE", path, null, admin);
    }

    /**
     * Posts a ticket (a JSON body ready to send) with the API key in use, if any, without waiting: its answer
     * (or the failure: a {@link java.net.SocketTimeoutException} after 30 s without one, a
     * {@link org.apache.hc.core5.http.ConnectionRequestTimeoutException} after 30 s without a connection) goes
     * to {@code answered} on the client's I/O thread, which must not block. {@code written} is told, on that
     * thread, the moment the request starts going out on a connection: a post due while every connection is
     * busy, or while the I/O thread has no core, waits before that.
     */
    void postTicket(String body, Runnable written, java.util.function.BiConsumer<Reply, Exception> answered) {
        post("/api/v1/tickets", body, written, answered);
    }

    /** Posts a batch of tickets ({@code {"tickets": [...]}}) as {@link #postTicket} posts one. */
    void postBatch(String body, Runnable written, java.util.function.BiConsumer<Reply, Exception> answered) {
        post("/api/v1/tickets/batch", body, written, answered);
    }

    private void post(String path, String body, Runnable written, java.util.function.BiConsumer<Reply, Exception> answered) {
        SimpleRequestBuilder request = SimpleRequestBuilder.post(base.resolve(path))
                .setBody(body, ContentType.APPLICATION_JSON);
        String key = apiKey;
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        SimpleHttpRequest built = request.build();
        FutureCallback<SimpleHttpResponse> callback = new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                Header etag = response.getFirstHeader("ETag");
                byte[] body = response.getBodyBytes(); // JSON is UTF-8 whatever the content type says
                answered.accept(new Reply(response.getCode(), body == null ? "" : new String(body, StandardCharsets.UTF_8),
                        etag == null ? "" : etag.getValue()), null);
            }

            @Override
            public void failed(Exception failure) {
                answered.accept(null, failure);
            }

            @Override
            public void cancelled() {
                answered.accept(null, new java.util.concurrent.CancellationException("the post was cancelled"));
            }
        };
        posts.execute(new WhenWritten(SimpleRequestProducer.create(built), written), SimpleResponseConsumer.create(), callback);
    }

    /** A request's producer that says when the client starts writing the request on a connection. */
    private record WhenWritten(AsyncRequestProducer request, Runnable written) implements AsyncRequestProducer {
        @Override
        public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
            written.run();
            request.sendRequest(channel, context);
        }

        @Override
        public boolean isRepeatable() {
            return request.isRepeatable();
        }

        @Override
        public void failed(Exception cause) {
            request.failed(cause);
        }

        @Override
        public int available() {
            return request.available();
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            request.produce(channel);
        }

        @Override
        public void releaseResources() {
            request.releaseResources();
        }
    }

    /** The server's metrics in Prometheus's text format (open to anyone, as operators scrape them). */
    String metrics() throws IOException {
        Reply reply = exchange("GET", "/actuator/prometheus", null, null, null);
        if (!reply.ok()) {
            throw new IOException("GET /actuator/prometheus answered " + reply.status());
        }
        return reply.body();
    }

    private Reply send(String method, String path, Object body, String bearer) throws IOException {
        return exchange(method, path, body == null ? null : JSON.writeValueAsString(body), bearer, null);
    }

    /** One request with a JSON body (or none); the answer within 30 s, or a {@link java.net.SocketTimeoutException}. */
    private Reply exchange(String method, String path, String body, String bearer, String ifMatch) throws IOException {
        ClassicRequestBuilder request = ClassicRequestBuilder.create(method).setUri(base.resolve(path));
        if (body != null) {
            request.setEntity(body, ContentType.APPLICATION_JSON);
        }
        if (bearer != null) {
            request.addHeader("Authorization", "Bearer " + bearer);
        }
        if (ifMatch != null) {
            request.addHeader("If-Match", ifMatch);
        }
        return http.execute(request.build(), response -> {
            Header etag = response.getFirstHeader("ETag");
            return new Reply(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                    etag == null ? "" : etag.getValue());
        });
    }

    /**
     * An agent corrects a ticket's category as a person would: reads it (for its ETag), then changes it
     * under {@code If-Match}. A conflict (routing moved it meanwhile) answers with the ticket as it is now
     * and its ETag: the change is tried again with that ETag, twice at most, without reading it again.
     */
    CompletableFuture<Reply> recategorise(String ticketId, String category, String agentToken) {
        String path = "/api/v1/tickets/" + ticketId;
        String change = JSON.writeValueAsString(Map.of("category", category));
        return CompletableFuture.supplyAsync(() -> {
            try {
                Reply read = exchange("GET", path, null, agentToken, null);
                if (!read.ok()) {
                    return read;
                }
                Reply patched = exchange("PATCH", path, change, agentToken, read.etag());
                for (int attempt = 1; attempt < 3 && patched.status() == 409 && !patched.etag().isEmpty(); attempt++) {
                    patched = exchange("PATCH", path, change, agentToken, patched.etag());
                }
                return patched;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, corrections);
    }
}
