package dev.switchboard.backbone;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message for an agent's live stream, as it goes on the wire ({@code {"type":"assignment",...}},
 * {@code {"type":"withdrawn",...}}), with the time its ticket was accepted when it is the ticket's first offer, so that
 * the node that pushes it can time accepted to pushed.
 */
public record Push(String agentId, String message, Optional<Instant> acceptedAt) {

    public Push {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
