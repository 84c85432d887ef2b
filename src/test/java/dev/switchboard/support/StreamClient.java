package dev.switchboard.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/** A real WebSocket client on the agents' stream: what an agent's browser or app does. */
public final class StreamClient implements AutoCloseable {

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private StreamClient(URI uri, String bearer) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects with the token in the Authorization header. */
    public static StreamClient connect(int port, String token) {
        return new StreamClient(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream"), token);
    }

    /** Connects with the token as the access_token query parameter, as a browser must. */
    public static StreamClient connectWithQueryToken(int port, String token) {
        return new StreamClient(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream?access_token=" + token), null);
    }

    /** The next message of this type, skipping others; fails after the timeout. */
    public JsonNode next(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                JsonNode message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("no '" + type + "' message within " + timeout);
                }
                if (type.equals(message.path("type").asString(""))) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** True when a message of this type arrives within the time; false when none does. */
    public boolean receives(String type, Duration within) {
        try {
            next(type, within);
            return true;
        } catch (AssertionError none) {
            return false;
        }
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    public void ack(String ticketId) {
        send("{\"type\":\"ack\",\"ticketId\":\"" + ticketId + "\"}");
    }

    /** True once the server closed the connection. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** The close code the server sent, once it closed the connection. */
    public int awaitClosedByServer(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed() && !closed.isDone()) {
            // The server may close at the same moment; a close that finds the output closed has nothing left to do.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(alreadyClosed -> socket).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
