package dev.switchboard.backbone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A job one node does for the cluster, run on every node on a schedule: the node that holds the job's
 * lease (taken or renewed at each run, for {@code hold}: three runs' time, say) does it; the others skip
 * their runs until the holder stops renewing.
 */
public record OnOneNode(Leases leases, String lease, String node, Duration hold, Clock clock) {

    /** Whether this run is this node's to do: the lease taken or renewed now. */
    public boolean here() {
        Instant now = clock.instant();
        return leases.hold(lease, node, now.plus(hold), now);
    }
}
