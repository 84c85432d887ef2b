package dev.switchboard.ticket;

import java.time.Duration;
import java.util.Objects;

/**
 * When a new ticket is the same conversation as an open one: the same customer, the same category,
 * and the open ticket active within the window (5 minutes by default). Such a ticket is not stored on
 * its own; it joins the open one as a message (see {@link Ticket#joinedBy}).
 *
 * <p>A conversation opened in the chat widget ({@code metadata.source = "chat-widget"}) never joins
 * another: its writer is not known to be the customer whose address they typed, and a chat shows its
 * writer the whole conversation.
 */
public record Duplicates(Duration window) {

    public Duplicates {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("the duplicate window must not be negative: " + window);
        }
    }

    /** The metadata that marks a ticket opened in the chat widget. */
    public static final String CHAT_WIDGET = "chat-widget";

    public boolean isDuplicate(Ticket open, Ticket incoming) {
        return open.isOpen()
                && !CHAT_WIDGET.equals(incoming.metadata().get("source"))
                && open.customer().id().equals(incoming.customer().id())
                && open.classification().isPresent()
                && incoming.classification().isPresent()
                && open.classification().get().category().equals(incoming.classification().get().category())
                && !open.updatedAt().isBefore(incoming.createdAt().minus(window));
    }
}
