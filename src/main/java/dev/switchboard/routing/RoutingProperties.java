package dev.switchboard.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.switchboard.ticket.Priority;

/**
 * Routing settings ({@code switchboard.routing.*}).
 *
 * @param skillWeight    weight of the skill match in an agent's score
 * @param regionWeight   weight of the region match
 * @param idleWeight     weight of idleness (the free share of the agent's capacity)
 * @param ackTimeout     an offer not acknowledged within this time is taken back and routed again
 * @param awayAfterMissedOffers an agent who lets this many offers in a row run out is taken to be away: their
 *                       availability is turned off (as if they had switched it off) until they turn it on
 *                       again; 0: never
 * @param firstResponse  the first-response target by priority: a ticket's SLA due time, which orders its queue
 * @param heartbeatInterval how often every stream connection is pinged
 * @param heartbeatTimeout  a connection nothing (a pong, a message) came from for this long is closed as dead
 * @param writeDelay        acknowledgements, resolutions and withdrawals are stored with the next offer, or
 *                          at the latest this long after they happened (an offer is always stored before it is pushed)
 * @param backlogLimit   tickets stored at intake that routing has not taken up yet, beyond which intake
 *                       answers 503 with {@code Retry-After}; on Kafka, messages of the triaged topic the
 *                       routing group (every node's) has not committed
 * @param allowedOrigins browser origins allowed to open the agents' stream; empty: the server's own origin only
 * @param streamMessageMax the longest message an agent's connection may send (an agent's are a few dozen
 *                         bytes); a longer one closes the connection with 1009 (message too big). Every
 *                         connection holds a buffer of this many characters (two bytes each) while it is open
 * @param streamQueueLimit  the most that may wait to be written on one agent's connection (its socket's buffers
 *                         full: the client stopped reading); beyond it the connection is closed as too slow, and
 *                         the agent's unacknowledged offers go to others. A message alone always goes; the default
 *                         (2 MB) leaves room for a burst of offers of long tickets to a client on a slow link
 * @param streamSendTimeout the longest one write to an agent's connection may block before the connection is
 *                         closed (on Tomcat, its blocking-send timeout; its own default is 20 s)
 */
@ConfigurationProperties("switchboard.routing")
public record RoutingProperties(
        @DefaultValue("0.6") double skillWeight,
        @DefaultValue("0.2") double regionWeight,
        @DefaultValue("0.2") double idleWeight,
        @DefaultValue("30s") Duration ackTimeout,
        @DefaultValue("3") int awayAfterMissedOffers,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("45s") Duration heartbeatTimeout,
        @DefaultValue("50ms") Duration writeDelay,
        @DefaultValue("5000") int backlogLimit,
        Map<Priority, Duration> firstResponse,
        List<String> allowedOrigins,
        @DefaultValue("1KB") DataSize streamMessageMax,
        @DefaultValue("2MB") DataSize streamQueueLimit,
        @DefaultValue("5s") Duration streamSendTimeout) {

    public RoutingProperties {
        firstResponse = firstResponse == null ? Map.of() : Map.copyOf(firstResponse);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (awayAfterMissedOffers < 0) {
            throw new IllegalArgumentException("switchboard.routing.away-after-missed-offers (" + awayAfterMissedOffers
                    + ") must be 0 (never) or more");
        }
        if (backlogLimit < 1) {
            throw new IllegalArgumentException("switchboard.routing.backlog-limit (" + backlogLimit + ") must be at least 1");
        }
        if (streamMessageMax.toBytes() < 256 || streamMessageMax.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("switchboard.routing.stream-message-max (" + streamMessageMax
                    + ") must be from 256B to 2GB");
        }
        if (streamQueueLimit.toBytes() < 64 * 1024) {
            throw new IllegalArgumentException("switchboard.routing.stream-queue-limit (" + streamQueueLimit
                    + ") must be at least 64KB: an offer carries its ticket's whole body");
        }
        if (streamSendTimeout.isNegative() || streamSendTimeout.isZero()) {
            throw new IllegalArgumentException("switchboard.routing.stream-send-timeout (" + streamSendTimeout + ") must be positive");
        }
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("switchboard.routing.heartbeat-timeout (" + heartbeatTimeout
                    + ") must be longer than heartbeat-interval (" + heartbeatInterval + ")");
        }
    }

    public RoutingWeights weights() {
        return new RoutingWeights(skillWeight, regionWeight, idleWeight);
    }

    /** When a first response to a ticket of this priority received at {@code received} is due. */
    public java.time.Instant slaDue(Priority priority, java.time.Instant received) {
        return received.plus(firstResponse.getOrDefault(priority, Duration.ofHours(24)));
    }

    /** A triaged ticket as routing sees it, due by these first-response targets. */
    WaitingTicket waiting(dev.switchboard.ticket.Ticket ticket) {
        var c = ticket.classification().orElseThrow(() -> new IllegalStateException("ticket " + ticket.id() + " is not triaged"));
        return new WaitingTicket(ticket.id(), c.team(), c.category(), ticket.customer().region(), ticket.priority(),
                slaDue(ticket.priority(), ticket.createdAt()), ticket.createdAt());
    }
}
