package dev.switchboard.ticket;

/** Stores people's changes to tickets: their fields (optimistically locked) and their conversation. */
public interface TicketUpdates {

    /**
     * Stores the changed ticket and its events in one transaction, if the stored ticket is still at
     * {@code change.before().version()}; false (nothing stored) when someone changed it since.
     */
    boolean save(TicketChanged change);

    /** Adds a message to a ticket's conversation with its event, in one transaction. */
    void append(Message message, TicketEvent event);
}
