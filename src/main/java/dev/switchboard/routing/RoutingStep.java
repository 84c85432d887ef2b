package dev.switchboard.routing;

import java.time.Instant;
import java.util.List;

/**
 * What a routing step offers the code it runs: the changes it makes join those waiting to be stored,
 * and its offers are pushed once stored ({@link RoutingStage}'s step). On the routing thread only.
 */
interface RoutingStep {

    /** When the step began: the time its changes are stored with. */
    Instant at();

    /** Offers the router made: stored with the step's changes, then pushed. */
    void offer(List<Assignment> made);

    /** A change other than an offer (an acknowledgement, a withdrawal, ...), stored with the next commit. */
    void change(Assignments.Change change);
}
