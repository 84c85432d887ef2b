package dev.switchboard.backbone;

import java.util.List;
import java.util.Objects;

import dev.switchboard.ticket.Ticket;

/** The embedded default: every stage is in this process, and a message is a call. */
public class InProcessBackbone implements Backbone {

    private final String node;
    private volatile RoutingInput routing;
    private volatile PushOutput output;

    public InProcessBackbone(String node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public void queued(List<Ticket> tickets) {
        if (!tickets.isEmpty()) {
            routing().queued(tickets);
        }
    }

    @Override
    public java.util.Optional<String> behind() {
        RoutingInput attached = routing;
        return attached == null ? java.util.Optional.empty() : Backbone.behind(attached.backlog(), "tickets", attached.backlogLimit());
    }

    @Override
    public void signal(AgentSignal signal) {
        routing().signal(signal);
    }

    @Override
    public void changed(dev.switchboard.ticket.TicketId ticket, java.util.Set<String> teams, dev.switchboard.ticket.Actor by) {
        routing().changed(ticket, by);
    }

    @Override
    public void push(Push push) {
        if (output != null) {
            output.deliver(push);
        }
    }

    @Override
    public void routeTo(RoutingInput routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    public void pushTo(PushOutput output) {
        this.output = Objects.requireNonNull(output, "output");
    }

    private RoutingInput routing() {
        RoutingInput attached = routing;
        if (attached == null) {
            throw new IllegalStateException("no routing is attached to the backbone yet");
        }
        return attached;
    }
}
