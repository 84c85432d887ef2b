package dev.switchboard.workspace;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.TicketId;

/**
 * The live views of conversations, as server-sent events: the customer's chat widget (replies only) and
 * the ticket page of the people working on it (notes too). A message written on this node reaches every
 * view of its ticket on this node at once; a view that reconnects names the last message it has
 * ({@code Last-Event-ID}) and gets what it missed from the store, so nothing is lost between streams.
 */
@Component
class ConversationStreams {

    /** One open view: where it goes, whether it sees internal notes, and how a message is shown to it. */
    private record View(SseEmitter emitter, boolean withNotes, Function<Message, Object> shown) {
    }

    private final Map<TicketId, Set<View>> views = new ConcurrentHashMap<>();
    private final ChatProperties properties;

    ConversationStreams(TicketDesk desk, ChatProperties properties) {
        this.properties = properties;
        desk.onMessage(this::publish);
    }

    /**
     * Opens a view of a ticket's conversation, first sending the messages after {@code lastSeen} (all of
     * them without it).
     */
    SseEmitter open(TicketId ticket, boolean withNotes, List<Message> conversation, String lastSeen,
                    Function<Message, Object> shown) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        View view = new View(emitter, withNotes, shown);
        Runnable forget = () -> views.computeIfPresent(ticket, (id, open) -> {
            open.remove(view);
            return open.isEmpty() ? null : open;
        });
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(failure -> forget.run());
        views.computeIfAbsent(ticket, id -> ConcurrentHashMap.newKeySet()).add(view);
        for (Message m : conversation) {
            if ((lastSeen == null || m.id().compareTo(lastSeen) > 0) && (withNotes || !m.internal())) {
                send(view, m);
            }
        }
        return emitter;
    }

    private void publish(Message message) {
        for (View view : views.getOrDefault(message.ticketId(), Set.of())) {
            if (view.withNotes() || !message.internal()) {
                send(view, message);
            }
        }
    }

    private void send(View view, Message message) {
        try {
            synchronized (view) { // one writer at a time per stream
                view.emitter().send(SseEmitter.event().id(message.id()).name("message").data(view.shown().apply(message)));
            }
        } catch (IOException | IllegalStateException gone) {
            view.emitter().completeWithError(gone);
        }
    }

    /** Keeps idle streams open through proxies, and finds the ones whose reader has gone. */
    @Scheduled(fixedDelayString = "${switchboard.chat.heartbeat:20s}")
    void heartbeat() {
        views.values().forEach(open -> open.forEach(view -> {
            try {
                synchronized (view) {
                    view.emitter().send(SseEmitter.event().comment("heartbeat"));
                }
            } catch (IOException | IllegalStateException gone) {
                view.emitter().completeWithError(gone);
            }
        }));
    }

    /** Open views, for the metrics and tests. */
    int open() {
        return views.values().stream().mapToInt(Set::size).sum();
    }
}
