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

    /**
     * Why intake should take no more tickets for now although the backbone is up: routing has more
     * tickets waiting to be taken up than its limit ({@link RoutingInput#backlogLimit}). Empty while it
     * can take them. On Kafka the backlog is the routing group's lag on the triaged topic, all nodes'.
     */
    default java.util.Optional<String> behind() {
        return java.util.Optional.empty();
    }

    /** Why intake should wait, when {@code waiting} (of {@code what}) is more than routing's backlog limit. */
    static java.util.Optional<String> behind(long waiting, String what, int limit) {
        return waiting > limit
                ? java.util.Optional.of(waiting + " " + what + " wait for routing to take them up (switchboard.routing.backlog-limit is "
                        + limit + ")")
                : java.util.Optional.empty();
    }

    /** The answer to a request that needs the broker while it cannot be reached: 503, retry in 5 s. */
    static dev.switchboard.web.ServiceUnavailableException unreachable(Throwable cause) {
        return new dev.switchboard.web.ServiceUnavailableException("the backbone (Kafka) cannot be reached; try again shortly",
                java.time.Duration.ofSeconds(5), cause);
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

    /**
     * A message written in a ticket's conversation on this node (stored already), for the live views of
     * the ticket on the other nodes; this node's own views have it already. Nothing to do on one node.
     */
    default void written(dev.switchboard.ticket.Message message) {
    }

    /** Where messages written on the other nodes go: this node's live views of conversations. */
    default void writtenElsewhereTo(java.util.function.Consumer<dev.switchboard.ticket.Message> views) {
    }

    /** Where queued tickets and agent signals go (routing, on the node that routes their team). */
    void routeTo(RoutingInput routing);

    /** Where pushes go (the live stream of this node). */
    void pushTo(PushOutput output);

    /**
     * Routing's side of the backbone. Each input answers with a future that completes once routing has
     * stored the input's effects (at its next commit): a backbone that keeps messages (Kafka) commits
     * their offsets only then. It completes exceptionally with {@link NotStored} when they could not be
     * stored for now (the message is delivered again later), with another exception when the message
     * cannot be taken at all (it goes to the dead letters).
     */
    interface RoutingInput {

        /** Tickets stored at intake; those no longer waiting in the store by now (a redelivery) change nothing. */
        java.util.concurrent.CompletableFuture<Void> queued(List<Ticket> tickets);

        /** Tickets handed to routing that it has not taken up yet. */
        default int backlog() {
            return 0;
        }

        /** How many tickets may wait for routing to take them up before intake refuses more for a while. */
        default int backlogLimit() {
            return Integer.MAX_VALUE;
        }

        java.util.concurrent.CompletableFuture<Void> signal(AgentSignal signal);

        /**
         * The caller now waits for the effects of the inputs it has handed over (a consumer before its next
         * poll): they are stored at once, not held back for a later commit as changes nobody waits on are.
         */
        default void storeWhatWaits() {
        }

        /** A person on another node changed this ticket: routing follows it as the store has it now. */
        default java.util.concurrent.CompletableFuture<Void> changed(dev.switchboard.ticket.TicketId ticket, dev.switchboard.ticket.Actor by) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        /**
         * The nodes in the cluster now (told after each rebalance): an agent whose connections were all on
         * nodes that left (a node killed, its heartbeats stopped) goes offline, and their unacknowledged
         * offers go to others. The in-process backbone never calls it: there is one node.
         */
        default void nodes(java.util.Set<String> alive) {
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

    /**
     * A message's effects could not be stored for now (the store is unreachable, or routing is stopping):
     * the message is delivered again, however often that takes, and never goes to the dead letters. A
     * person's request that meets it is answered 503 with {@code Retry-After}.
     */
    final class NotStored extends dev.switchboard.web.ServiceUnavailableException {

        public NotStored(String message, Throwable cause) {
            super(message, java.time.Duration.ofSeconds(1), cause); // a person waiting on it is answered 503
        }

        /** Whether this failure, or one of its causes, is a passing one: the store unreachable or busy. */
        public static boolean isPassing(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof NotStored || t instanceof org.springframework.dao.TransientDataAccessException
                        || t instanceof org.springframework.dao.DataAccessResourceFailureException
                        || t instanceof org.springframework.dao.RecoverableDataAccessException) {
                    return true;
                }
            }
            return false;
        }
    }
}
