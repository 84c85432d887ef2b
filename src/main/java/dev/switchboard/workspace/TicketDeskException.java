package dev.switchboard.workspace;

import dev.switchboard.ticket.Ticket;

/** Why the desk refused a request: the API answers each with its own status. */
public abstract sealed class TicketDeskException extends RuntimeException {

    TicketDeskException(String message) {
        super(message);
    }

    /** No such ticket, or one the caller may not see, or nothing of that name on it (404). */
    public static final class NotFound extends TicketDeskException {
        private NotFound(String what) {
            super(what);
        }

        static NotFound ticket(String id) {
            return new NotFound("no ticket " + id);
        }

        static NotFound attachment(String ticketId, String attachmentId) {
            return new NotFound("no attachment " + attachmentId + " on ticket " + ticketId);
        }

        static NotFound conversation() {
            return new NotFound("no such conversation");
        }
    }

    /** The caller sees the ticket but may not do this to it (403). */
    public static final class Forbidden extends TicketDeskException {
        Forbidden(String why) {
            super(why);
        }
    }

    /** The caller's version is not the stored one (409, with the current ticket). */
    public static final class Stale extends TicketDeskException {
        private final Ticket current;

        Stale(Ticket current, long expected) {
            super("the ticket is at version " + current.version() + ", not " + expected + ": someone changed it since you read it");
            this.current = current;
        }

        public Ticket current() {
            return current;
        }
    }

    /** The change names something that does not exist (an agent, a team) (422, naming the field). */
    public static final class Unknown extends TicketDeskException {
        private final String field;

        Unknown(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
