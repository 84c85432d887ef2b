package dev.switchboard.workspace;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.TicketId;

/**
 * The live views of conversations, as server-sent events: the customer's chat widget (replies only) and
 * the ticket page of the people working on it (notes too). A message written on this node reaches every
 * view of its ticket on this node at once, and the views on the other nodes through the backbone (on
 * Kafka, the conversations topic); a view that reconnects names the last message it has
 * ({@code Last-Event-ID}) and gets what it missed from the store, so nothing is lost between streams.
 */
@Component
class ConversationStreams implements SmartLifecycle {

    /**
     * Stopped just before the web server's graceful shutdown waits for its requests: an open stream is
     * a request that never ends, and each would hold a rolling restart for the whole shutdown timeout.
     * The streams end; each browser reconnects (to another node, or to this one once it is back) with the
     * last message it has, and gets what it missed from the store.
     */
    private static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;

    /**
     * One open view: where it goes, whether it sees internal notes, how a message is shown to it, and
     * its sends so far: each send follows the one before (the order of the conversation) on a thread of
     * its own, so that a reader who does not read never holds up the person writing.
     */
    private record View(SseEmitter emitter, boolean withNotes, Function<Message, Object> shown,
                        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>> sends) {
    }

    private static final java.util.concurrent.ExecutorService SENDERS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final Map<TicketId, Set<View>> views = new ConcurrentHashMap<>();
    private final ChatProperties properties;
    private volatile boolean running;

    ConversationStreams(TicketDesk desk, ChatProperties properties, dev.switchboard.backbone.Backbone backbone) {
        this.properties = properties;
        desk.onMessage(message -> {
            publish(message);
            backbone.written(message);
        });
        backbone.writtenElsewhereTo(this::publish);
    }

    /**
     * Opens a view of a ticket's conversation, first sending the messages after {@code lastSeen} (all of
     * them without it).
     */
    SseEmitter open(TicketId ticket, boolean withNotes, List<Message> conversation, String lastSeen,
                    Function<Message, Object> shown) {
        // Explicit limits (checked, then listed: a few more may slip in at once, never many): a stream
        // holds memory for as long as it is open, and a conversation's token is all it takes to open one.
        if (views.getOrDefault(ticket, Set.of()).size() >= properties.streamsPerConversation()) {
            throw new dev.switchboard.web.TooManyRequestsException("this conversation has " + properties.streamsPerConversation()
                    + " live views open already; close one", java.time.Duration.ofSeconds(30));
        }
        if (open() >= properties.mostStreams()) {
            throw new dev.switchboard.web.ServiceUnavailableException("this node holds " + properties.mostStreams()
                    + " live views already; try again shortly", java.time.Duration.ofSeconds(30), null);
        }
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        View view = new View(emitter, withNotes, shown,
                new java.util.concurrent.atomic.AtomicReference<>(java.util.concurrent.CompletableFuture.completedFuture(null)));
        Runnable forget = () -> views.computeIfPresent(ticket, (id, open) -> {
            open.remove(view);
            return open.isEmpty() ? null : open;
        });
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(failure -> forget.run());
        for (Message m : conversation) { // what it missed goes first; the browser drops a message it has twice
            if ((lastSeen == null || m.id().compareTo(lastSeen) > 0) && (withNotes || !m.internal())) {
                sendLater(view, m);
            }
        }
        views.computeIfAbsent(ticket, id -> ConcurrentHashMap.newKeySet()).add(view);
        // Stopping (checked after the view is listed, so that a stop in between cannot miss it): what it
        // missed, then the end; the browser comes back later. A second completion is ignored.
        if (!running) {
            enqueue(view, emitter::complete);
        }
        return emitter;
    }

    private void publish(Message message) {
        for (View view : views.getOrDefault(message.ticketId(), Set.of())) {
            if (view.withNotes() || !message.internal()) {
                sendLater(view, message);
            }
        }
    }

    private void sendLater(View view, Message message) {
        enqueue(view, () -> send(view, message));
    }

    /** Runs a send after the view's earlier ones, whatever became of them: one writer at a time per stream. */
    private static void enqueue(View view, Runnable send) {
        view.sends().updateAndGet(before -> before.handle((done, failed) -> null).thenRunAsync(send, SENDERS));
    }

    private void send(View view, Message message) {
        try {
            view.emitter().send(SseEmitter.event().id(message.id()).name("message").data(view.shown().apply(message)));
        } catch (IOException | IllegalStateException gone) {
            view.emitter().completeWithError(gone);
        }
    }

    /** Keeps idle streams open through proxies, and finds the ones whose reader has gone. */
    @Scheduled(fixedDelayString = "${switchboard.chat.heartbeat:20s}")
    void heartbeat() {
        views.values().forEach(open -> open.forEach(view -> enqueue(view, () -> {
            try {
                view.emitter().send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException gone) {
                view.emitter().completeWithError(gone);
            }
        })));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream after what it has been sent so far. */
    @Override
    public void stop() {
        running = false;
        views.values().forEach(open -> open.forEach(view -> enqueue(view, view.emitter()::complete)));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Open views, for the limit, the metrics and tests. */
    int open() {
        return views.values().stream().mapToInt(Set::size).sum();
    }
}
