package dev.switchboard.ticket;

/** A change a ticket cannot take in its state, naming the field at fault and why. */
public final class TicketEditRejected extends RuntimeException {

    private final String field;

    public TicketEditRejected(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
