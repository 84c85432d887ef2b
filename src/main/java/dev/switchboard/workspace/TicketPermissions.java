package dev.switchboard.workspace;

import java.util.Optional;

import dev.switchboard.access.Caller;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEdit;
import dev.switchboard.ticket.TicketQuery.Visibility;
import dev.switchboard.ticket.TicketStatus;

/**
 * Who may see and change which ticket.
 * <ul>
 * <li>Admins and integrations (API keys) see every ticket; admins change any.</li>
 * <li>Leads see and change their team's tickets.</li>
 * <li>Agents see their team's tickets and those they hold. They change the tickets they hold (status,
 *     priority, category, team), take a waiting ticket of their team (assignee: themselves), and correct
 *     the category or priority of one waiting in their queue; they do not give tickets to others or
 *     touch what a colleague holds.</li>
 * <li>Integrations change nothing here: they open tickets through intake.</li>
 * </ul>
 * A ticket a caller may not see does not exist for them (404), so that its existence is not revealed.
 */
final class TicketPermissions {

    private TicketPermissions() {
    }

    /** The tickets the caller may see; empty for all of them. */
    static Optional<Visibility> visibility(Caller caller) {
        return switch (caller.role()) {
            case ADMIN, INTEGRATION -> Optional.empty();
            case LEAD -> Optional.of(new Visibility(caller.team(), Optional.empty()));
            case AGENT -> Optional.of(new Visibility(caller.team(), Optional.of(caller.actor().id())));
        };
    }

    static boolean maySee(Caller caller, Ticket ticket) {
        return visibility(caller).map(v -> v.allows(ticket)).orElse(true);
    }

    /** Why the caller may not make this change to a ticket they see; empty when they may. */
    static Optional<String> refusal(Caller caller, Ticket ticket, TicketEdit edit) {
        return switch (caller.role()) {
            case ADMIN, LEAD -> Optional.empty();
            case INTEGRATION -> Optional.of("API keys open tickets; people change them");
            case AGENT -> agentRefusal(caller.actor().id(), ticket, edit);
        };
    }

    /** Also the rule for replies: an agent writes on the tickets they hold, a lead or admin on any they see. */
    static Optional<String> writeRefusal(Caller caller, Ticket ticket) {
        return switch (caller.role()) {
            case ADMIN, LEAD -> Optional.empty();
            case INTEGRATION -> Optional.of("API keys open tickets; people answer them");
            case AGENT -> ticket.assignee().filter(caller.actor().id()::equals).isPresent()
                    ? Optional.empty() : Optional.of("agents write on the tickets they hold");
        };
    }

    private static Optional<String> agentRefusal(String me, Ticket ticket, TicketEdit edit) {
        if (edit.assignee().filter(a -> !a.equals(me)).isPresent()) {
            return Optional.of("agents give a ticket back to its queue (status queued); a lead gives it to someone else");
        }
        boolean mine = ticket.assignee().filter(me::equals).isPresent();
        if (mine) {
            return Optional.empty();
        }
        if (ticket.assignee().isPresent()) {
            return Optional.of("another agent holds this ticket");
        }
        boolean taking = edit.assignee().isPresent();
        if (edit.status().isPresent() && !(taking && edit.status().get().isHeld())) {
            return Optional.of("take the ticket (assignee: yourself) before changing its status");
        }
        if (ticket.status() != TicketStatus.QUEUED) {
            return Optional.of("the ticket is " + ticket.status().wireName());
        }
        return Optional.empty();
    }
}
