package dev.switchboard.backbone;

import java.util.List;

import dev.switchboard.ticket.Ticket;

/**
 * How the pipeline's stages reach each other. Senders call {@link #queued}, {@link #signal} and
 * {@link #push}; the stages that take those messages attach themselves once ({@link #routeTo},
 * {@link #pushTo}). Delivery is at least once: a receiver's effect is idempotent by ticket id, and the
 * store holds the truth a lost message would have carried.
 */
public interface Backbone {

    /** This node's name among the nodes (signals say where they came from). */
    String node();

    /**
     * Whether this node routes every team (one node), or only those the backbone assigns it later
     * ({@link RoutingInput#reassigned}); until then, none.
     */
    default boolean routesEveryTeam() {
        return true;
    }

    /**
     * How often routing looks in the store for waiting tickets of its teams that no message brought (a
     * send lost with the node that made it); empty when every ticket reaches routing by a call.
     */
    default java.util.Optional<java.time.Duration> sweepInterval() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the backbone can carry messages now; intake answers 503 while it cannot, before it writes
     * anything. Always so in this process.
     */
    default boolean available() {
        return true;
    }

    /** Tickets intake has stored, for the routing of their teams. */
    void queued(List<Ticket> tickets);

    /** What an agent did, or what changed about them, for the routing of their team. */
    void signal(AgentSignal signal);

    /** A message for an agent's live stream, for the node(s) holding their connections. */
    void push(Push push);

    /**
     * A person changed a ticket (stored already) that these teams' routing must follow: its team before
     * and after the change, when another node routes them. Each reads the ticket from the store.
     */
    default void changed(dev.switchboard.ticket.TicketId ticket, java.util.Set<String> teams, dev.switchboard.ticket.Actor by) {
    }

    /** Where queued tickets and agent signals go (routing, on the node that routes their team). */
    void routeTo(RoutingInput routing);

    /** Where pushes go (the live stream of this node). */
    void pushTo(PushOutput output);

    /** Routing's side of the backbone. */
    interface RoutingInput {

        void queued(List<Ticket> tickets);

        void signal(AgentSignal signal);

        /** A person on another node changed this ticket: routing follows it as the store has it now. */
        default void changed(dev.switchboard.ticket.TicketId ticket, dev.switchboard.ticket.Actor by) {
        }

        /**
         * The teams this node routes changed (scale-out: the routing group's partitions moved). From now
         * on it routes the teams {@code owns} accepts: it stores what it owes for the teams it gives up and
         * lets them go, and takes up the teams it gains from the store. Completes once that is done. The
         * in-process backbone never calls it: one node routes every team.
         */
        default java.util.concurrent.CompletableFuture<Void> reassigned(java.util.function.Predicate<String> owns) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /** The live stream's side of the backbone. */
    interface PushOutput {

        /** Sends the message to this node's connections of its agent; false when it holds none. */
        boolean deliver(Push push);

        /**
         * Routing moved between nodes: the agents connected here are announced again ({@code CONNECTED}),
         * so that the new owners of their teams know them online.
         */
        default void routingMoved() {
        }
    }
}
