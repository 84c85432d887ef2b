package dev.switchboard.ticket;

import java.util.List;
import java.util.Optional;

/** The tickets Switchboard holds. Writes go through the stage that owns them (intake, triage, ...). */
public interface Tickets {

    Optional<Ticket> find(TicketId id);

    /** Those of the tickets that exist, in no particular order; a store reads them together. */
    default List<Ticket> findAll(java.util.Collection<TicketId> ids) {
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** The conversation after the opening text, oldest first. */
    List<Message> conversation(TicketId id);

    /** The ticket's event log, oldest first. */
    List<TicketEvent> history(TicketId id);

    /** One page of the tickets the query matches, in queue order: priority, then age. */
    List<Ticket> search(TicketQuery query);

    /** How many tickets are stored; for operators and tests. */
    long count();
}
