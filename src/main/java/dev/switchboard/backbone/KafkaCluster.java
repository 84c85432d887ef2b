package dev.switchboard.backbone;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node asks the Kafka cluster itself, with an admin client rather than through its consumers and
 * producer: every 2 s whether the cluster answers, and then how far the routing group is behind on the
 * triaged topic; on request, which nodes the routing group's members are.
 */
final class KafkaCluster {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    private final Map<String, Object> adminConfig;
    private final String node;
    private final String triagedTopic;
    private final String routingGroup;
    /** A routing consumer's client id: the node's name, the group, and the container's consumer number. */
    private final Pattern routingClient;
    /** Whether the lag is wanted: routing is attached. */
    private final BooleanSupplier measureLag;
    private volatile boolean reachable = true;
    private volatile String lastProblem = "";
    /** Messages on the triaged topic the routing group has not committed yet, all partitions, as last measured. */
    private volatile long routingLag;
    private volatile Admin admin;
    private ScheduledExecutorService prober;

    /** @param adminConfig how to reach the cluster; empty: it is not asked (always reachable, no lag known) */
    KafkaCluster(Map<String, Object> adminConfig, String node, String triagedTopic, String routingGroup, BooleanSupplier measureLag) {
        this.adminConfig = adminConfig;
        this.node = node;
        this.triagedTopic = triagedTopic;
        this.routingGroup = routingGroup;
        this.routingClient = Pattern.compile("^(.+)-" + Pattern.quote(routingGroup) + "(-\\d+)?$");
        this.measureLag = measureLag;
    }

    void start() {
        if (adminConfig.isEmpty()) {
            return;
        }
        Admin cluster = Admin.create(adminConfig);
        admin = cluster;
        prober = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("backbone-probe").daemon().factory());
        prober.scheduleWithFixedDelay(() -> probe(cluster), 0, 2, TimeUnit.SECONDS);
    }

    void stop() {
        if (prober != null) {
            prober.shutdownNow();
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
    }

    boolean reachable() {
        return reachable;
    }

    /** Why the cluster was last found unreachable; empty while it answers. */
    String problem() {
        return reachable ? "" : lastProblem;
    }

    long routingLag() {
        return routingLag;
    }

    /** Asks the cluster for its brokers; unreachable when it does not answer within 2 s. Then measures routing's lag. */
    private void probe(Admin admin) {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).size();
            if (!reachable) {
                log.info("the Kafka cluster answers again ({} brokers)", brokers);
            }
            reachable = brokers > 0;
        } catch (Exception unreachable) {
            if (reachable) {
                log.warn("the Kafka cluster does not answer: intake answers 503 until it does ({})", unreachable.toString());
            }
            lastProblem = unreachable.toString();
            reachable = false;
        }
        if (reachable && measureLag.getAsBoolean()) {
            measureLag(admin);
        }
    }

    /**
     * Measures the routing group's lag on the triaged topic: each partition's end offset less the
     * group's committed offset (less its first offset when the group has committed none there yet).
     * Unknown counts as none: whether the cluster answers is {@link #reachable}'s to say.
     */
    private void measureLag(Admin admin) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(triagedTopic)).allTopicNames().get(3, TimeUnit.SECONDS)
                    .get(triagedTopic).partitions().stream().map(p -> new TopicPartition(triagedTopic, p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(routingGroup).partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            List<TopicPartition> uncommitted = partitions.stream().filter(p -> committed.get(p) == null).toList();
            Map<TopicPartition, Long> starts = uncommitted.isEmpty() ? Map.of() : offsets(admin, uncommitted, OffsetSpec.earliest());
            long lag = 0;
            for (TopicPartition partition : partitions) {
                var done = committed.get(partition);
                lag += Math.max(0, ends.get(partition) - (done != null ? done.offset() : starts.get(partition)));
            }
            routingLag = lag;
        } catch (Exception unanswered) {
            log.debug("could not measure the routing group's lag: {}", unanswered.toString());
            routingLag = 0;
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(p -> asked.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(asked).all().get(3, TimeUnit.SECONDS).forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /**
     * The nodes in the routing group now (this one included), from the group's members' client ids; empty
     * when the cluster does not say within 3 s (nothing is concluded then).
     */
    Optional<Set<String>> membersOfTheRoutingGroup() {
        Admin cluster = admin;
        if (cluster == null) {
            return Optional.empty();
        }
        try {
            var group = cluster.describeConsumerGroups(List.of(routingGroup)).describedGroups().get(routingGroup)
                    .get(3, TimeUnit.SECONDS);
            Set<String> nodes = new HashSet<>();
            nodes.add(node);
            group.members().forEach(member -> {
                Matcher named = routingClient.matcher(member.clientId());
                if (named.matches()) {
                    nodes.add(named.group(1));
                }
            });
            return Optional.of(nodes);
        } catch (Exception unanswered) {
            if (unanswered instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("could not list the nodes of the routing group: {}", unanswered.toString());
            return Optional.empty();
        }
    }
}
