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

    /** Tickets intake has stored, for the routing of their teams. */
    void queued(List<Ticket> tickets);

    /** What an agent did, or what changed about them, for the routing of their team. */
    void signal(AgentSignal signal);

    /** A message for an agent's live stream, for the node(s) holding their connections. */
    void push(Push push);

    /** Where queued tickets and agent signals go (routing, on the node that routes their team). */
    void routeTo(RoutingInput routing);

    /** Where pushes go (the live stream of this node). */
    void pushTo(PushOutput output);

    /** Routing's side of the backbone. */
    interface RoutingInput {

        void queued(List<Ticket> tickets);

        void signal(AgentSignal signal);
    }

    /** The live stream's side of the backbone. */
    interface PushOutput {

        /** Sends the message to this node's connections of its agent; false when it holds none. */
        boolean deliver(Push push);
    }
}
