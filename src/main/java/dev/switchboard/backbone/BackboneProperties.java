package dev.switchboard.backbone;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The backbone ({@code switchboard.backbone.*}); {@code switchboard.backbone} itself chooses it:
 * {@code in-process} (the default) or {@code kafka} (with the standard {@code spring.kafka.*} settings).
 *
 * @param node       this node's name among the nodes; empty: the host name and a random suffix
 * @param topicPrefix the prefix of the topics' names ({@code switchboard.})
 * @param partitions partitions of each topic Switchboard creates (the most nodes that share routing)
 * @param replicas   replicas of each topic Switchboard creates (3 on a production cluster)
 * @param attempts   tries of a message's handler before the message goes to the dead letters
 * @param sendTimeout longest a send waits for the broker's acknowledgement
 * @param sessionTimeout a node silent this long loses its teams to the others (the routing group's session timeout)
 * @param sweepInterval how often routing looks in the store for waiting tickets of its teams no message brought
 * @param commitInterval how often, at most, a consumer commits the offsets of the messages whose effects are
 *                   stored (a rebalance commits them at once; after the last message, the next empty poll does);
 *                   zero: after every poll. Each commit is a write on the broker; what a crash delivers again
 *                   changes nothing
 */
@ConfigurationProperties("switchboard.backbone")
public record BackboneProperties(
        @DefaultValue("") String node,
        @DefaultValue("switchboard.") String topicPrefix,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("3") int attempts,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("10s") Duration sessionTimeout,
        @DefaultValue("30s") Duration sweepInterval,
        @DefaultValue("100ms") Duration commitInterval) {

    public BackboneProperties {
        if (commitInterval.isNegative()) {
            throw new IllegalArgumentException("switchboard.backbone.commit-interval must not be negative");
        }
    }

    /** This node's name: the configured one, else the host name with a random suffix (a restart is a new node). */
    public String nodeName() {
        if (!node.isBlank()) {
            return node;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException unknown) {
            host = "node";
        }
        return host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
