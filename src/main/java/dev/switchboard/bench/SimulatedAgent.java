package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * An agent at work on the real stream: acknowledges every offer at once, works the ticket for a
 * random time (exponential around the mean handle time) and resolves it. Notes each offer in the
 * measurements, with whether its category was right by the ground truth, and keeps the time it held
 * no ticket at all (its idle time) within the measured window.
 */
final class SimulatedAgent implements WebSocket.Listener {

    /** Where a run's tickets come from: customer ids {@code <prefix><seq>}. */
    interface Tickets {
        /** The ticket's sequence number from its customer id, or -1 when it is not one of this run's. */
        int seqOf(String customerId);

        String labelOf(int seq);
    }

    /** Whether a message an agent could not handle was printed already: the first one is, the others only counted. */
    private static final java.util.concurrent.atomic.AtomicBoolean FIRST_BAD_MESSAGE = new java.util.concurrent.atomic.AtomicBoolean();

    private final String email;
    private final Measurements measurements;
    private final Tickets tickets;
    private final ScheduledExecutorService timer;
    private final double meanHandleNanos;
    private final SplittableRandom random;
    private final CompletableFuture<String> welcome = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<WebSocket> sending;
    private volatile String token;
    private volatile ServerApi api;
    private volatile WebSocket socket;

    private final java.util.Set<String> holding = new java.util.HashSet<>();
    private long idleSince;
    private long idleNanos;
    private volatile boolean closedByServer;
    private volatile boolean closing;

    SimulatedAgent(String email, Measurements measurements, Tickets tickets, ScheduledExecutorService timer,
                   Duration meanHandleTime, long seed) {
        this.email = email;
        this.measurements = measurements;
        this.tickets = tickets;
        this.timer = timer;
        this.meanHandleNanos = meanHandleTime.toNanos();
        this.random = new SplittableRandom(seed);
    }

    /**
     * Opens the stream with the agent's token; returns once the server has welcomed them.
     *
     * @param api where the agent corrects misrouted tickets; null: they work them as they came
     */
    void connect(HttpClient http, URI stream, String token, ServerApi api) {
        this.token = token;
        this.api = api;
        http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(10))
                .buildAsync(stream, this).join();
        synchronized (this) {
            idleSince = System.nanoTime();
        }
        welcome.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * The stream is open: sends may start. Set here rather than once {@code buildAsync} completes, since
     * the server may push an assignment (and the agent answer it) before that future's callers run.
     */
    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
            sending = CompletableFuture.completedFuture(webSocket);
        }
        WebSocket.Listener.super.onOpen(webSocket);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                handle(ServerApi.JSON.readTree(text));
            } catch (RuntimeException bad) {
                measurements.error("agent_bad_message");
                if (FIRST_BAD_MESSAGE.compareAndSet(false, true)) { // the first one in full, for whoever reads the run
                    System.err.println("an agent could not handle a message (counted as agent_bad_message): "
                            + text.substring(0, Math.min(text.length(), 500)));
                    bad.printStackTrace();
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    /** The server's stamp on the ticket, when the offer carries one it can read. */
    private static Optional<Instant> stamp(String createdAt) {
        try {
            return createdAt.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(createdAt));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private void handle(JsonNode message) {
        switch (message.path("type").asString("")) {
            case "welcome" -> welcome.complete(message.path("agentId").asString());
            case "assignment" -> {
                long now = System.nanoTime();
                JsonNode ticket = message.path("ticket");
                String ticketId = ticket.path("id").asString();
                int seq = tickets.seqOf(ticket.path("customer").path("id").asString(""));
                if (seq < 0) {
                    // Not this run's ticket (left over from an earlier run on this server): worked off at once, so that
                    // it neither lingers nor holds this run's capacity, and counted apart from this run's.
                    measurements.foreignOffers.increment();
                    send("{\"type\":\"ack\",\"ticketId\":\"" + ticketId + "\"}");
                    send("{\"type\":\"resolve\",\"ticketId\":\"" + ticketId + "\"}");
                    return;
                }
                boolean right = tickets.labelOf(seq).equals(ticket.path("category").asString());
                measurements.assigned(seq, now, right, stamp(ticket.path("createdAt").asString("")));
                took(ticketId, now);
                send("{\"type\":\"ack\",\"ticketId\":\"" + ticketId + "\"}");
                long handle = handleTime();
                if (right || api == null) {
                    timer.schedule(() -> resolve(ticketId), handle, TimeUnit.NANOSECONDS);
                } else {
                    // Reading it shows it is not theirs: after a fifth of a handle time they correct its category.
                    timer.schedule(() -> correct(ticketId, seq), handle / READING_SHARE, TimeUnit.NANOSECONDS);
                }
            }
            case "error" -> measurements.error("agent_error_from_server");
            default -> {
            }
        }
    }

    /** A random time to work a ticket, exponential around the mean; the random source is shared by two threads. */
    private synchronized long handleTime() {
        return (long) (-Math.log(1 - random.nextDouble()) * meanHandleNanos);
    }

    /** How much shorter reading a misrouted ticket is than working one. */
    private static final long READING_SHARE = 5;

    /**
     * Gives a misrouted ticket its right category through the API (a misroute in the server's log); it
     * leaves this agent for the right team's queue. Should the correction fail, the agent works it anyway.
     */
    private void correct(String ticketId, int seq) {
        if (!isHolding(ticketId)) {
            return; // resolved at the end of the run meanwhile
        }
        measurements.correcting(seq);
        api.recategorise(ticketId, tickets.labelOf(seq), token).whenComplete((reply, failure) -> {
            if (failure == null && reply.ok()) {
                measurements.corrected();
                if (welcome.join().equals(reply.json().path("assignee").asString(""))) {
                    // The right category is worked by this agent's team: the ticket stays with them, and they work it.
                    long handle = handleTime();
                    timer.schedule(() -> resolve(ticketId), handle, TimeUnit.NANOSECONDS);
                } else {
                    released(ticketId, System.nanoTime());
                }
            } else {
                measurements.correctionFailed(seq);
                measurements.error(failure != null ? "reassign_failed" : "reassign_" + reply.status());
                resolve(ticketId);
            }
        });
    }

    private synchronized boolean isHolding(String ticketId) {
        return holding.contains(ticketId);
    }

    /** Resolves the ticket, unless it was resolved already (at the end of the run, everything held is). */
    private void resolve(String ticketId) {
        if (released(ticketId, System.nanoTime())) {
            send("{\"type\":\"resolve\",\"ticketId\":\"" + ticketId + "\"}");
        }
    }

    private synchronized void took(String ticketId, long now) {
        if (holding.isEmpty()) {
            idleNanos += overlap(idleSince, now);
        }
        holding.add(ticketId);
    }

    private synchronized boolean released(String ticketId, long now) {
        boolean held = holding.remove(ticketId);
        if (held && holding.isEmpty()) {
            idleSince = now;
        }
        return held;
    }

    /** The run is over: resolves every ticket still in hand, so that none is left with an agent about to go. */
    void finish() {
        List<String> left;
        synchronized (this) {
            left = List.copyOf(holding);
        }
        left.forEach(this::resolve);
        try {
            sending.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
            measurements.error("agent_could_not_finish");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Idle time within the measured window, counting an idle stretch that is still open. */
    synchronized long idleNanos() {
        return idleNanos + (holding.isEmpty() ? overlap(idleSince, measurements.windowEnd()) : 0);
    }

    /** The part of [from, to] inside the measured window. */
    private long overlap(long from, long to) {
        return Math.max(0, Math.min(to, measurements.windowEnd()) - Math.max(from, measurements.windowStart()));
    }

    /** The JDK's WebSocket takes one send at a time: each waits for the one before. */
    private synchronized void send(String text) {
        sending = sending.thenCompose(ws -> ws.sendText(text, true)).exceptionally(failed -> {
            if (!closedByServer && !closing) {
                measurements.error("agent_send_failed");
            }
            return socket;
        });
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        welcome.completeExceptionally(new IllegalStateException(email + "'s stream was closed: " + statusCode + " " + reason));
        if (!closing) {
            closedByServer = true;
            measurements.error("agent_stream_closed_" + statusCode);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        welcome.completeExceptionally(error);
        if (!closing) {
            closedByServer = true;
            measurements.error("agent_stream_failed");
        }
    }

    boolean closedByServer() {
        return closedByServer;
    }

    void close() {
        if (!closedByServer && socket != null) {
            closing = true; // what follows is our own doing
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench over").exceptionally(e -> socket).join();
        }
    }
}
