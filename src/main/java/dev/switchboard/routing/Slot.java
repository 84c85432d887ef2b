package dev.switchboard.routing;

import java.util.HashSet;
import java.util.Set;

import dev.switchboard.ticket.TicketId;

/** An agent as the {@link Router} keeps them: their state, the tickets they hold, and when they were last given one. */
final class Slot {

    AgentState state;
    final Set<TicketId> held = new HashSet<>();
    /** The router's sequence number of this agent's latest assignment: ties go to the one assigned least recently. */
    long lastAssigned;

    Slot(AgentState state) {
        this.state = state;
    }

    boolean hasRoom() {
        return held.size() < state.capacity();
    }
}
