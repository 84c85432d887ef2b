package dev.switchboard.routing;

import java.time.Instant;
import java.util.Optional;

/** The routing weights admins set, newest last; the newest is in force on every node. */
public interface WeightSettings {

    Optional<RoutingWeights> latest();

    void save(RoutingWeights weights, String by, Instant at);
}
