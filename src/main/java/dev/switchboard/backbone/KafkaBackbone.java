package dev.switchboard.backbone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backbone on Apache Kafka, for several nodes. Messages are JSON; the store holds the truth, so a
 * queued-tickets message names its tickets and the receiver reads them from the store.
 *
 * <ul>
 *   <li>{@code <prefix>tickets.triaged}, key: team. Tickets waiting for routing. Read by the consumer
 *       group {@code switchboard-routing}: each team's partition has one owner at a time.</li>
 *   <li>{@code <prefix>agents.presence}, key: team. Agent signals, in the same group, so that a team's
 *       tickets and its agents' signals reach the same owner in the order they were sent.</li>
 *   <li>{@code <prefix>tickets.assigned}, key: agent. Pushes, read by every node (a group per node, from
 *       the latest offset: a push is live news).</li>
 *   <li>{@code <prefix>conversations}, key: ticket. Messages written in conversations, for the live views
 *       of the other nodes (read with the pushes, in the same group per node, from the latest offset).</li>
 *   <li>{@code <prefix>dead-letters}: a message whose handler failed {@code attempts} times, with the
 *       exception and where it came from in headers (Spring Kafka's {@code kafka_dlt-*}).</li>
 * </ul>
 *
 * Producers are idempotent with {@code acks=all} (set by the configuration); a failed send is logged:
 * the store still has the ticket, and its team's routing takes it up again (docs/scale-out.md).
 */
public class KafkaBackbone implements Backbone, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaBackbone.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ROUTING_GROUP = "switchboard-routing";

    private final String node;
    private final KafkaTemplate<String, String> template;
    private final Function<List<TicketId>, List<Ticket>> load;
    private final BackboneProperties properties;
    private final StoredEffectsConsumers listeners;
    private volatile PushOutput output;
    private volatile java.util.function.Consumer<dev.switchboard.ticket.Message> views;
    /** Routing, once attached: its backlog limit is what intake's admission compares the lag with. */
    private volatile RoutingInput routing;
    /** The cluster asked directly: whether it answers, the routing group's lag and members. */
    private final KafkaCluster cluster;
    /** The partitions of the routing topics this node owns now (their teams are routed here). */
    private final java.util.Set<Integer> owned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private final KafkaDeadLetters deadLetters;

    /** @param adminConfig how to reach the cluster to check it is there (every 2 s); empty: not checked */
    public KafkaBackbone(String node, KafkaTemplate<String, String> template, ConsumerFactory<String, String> consumers,
                         Function<List<TicketId>, List<Ticket>> load, BackboneProperties properties, Map<String, Object> adminConfig) {
        this.node = node;
        this.template = template;
        this.load = load;
        this.properties = properties;
        this.cluster = new KafkaCluster(adminConfig, node, triagedTopic(), ROUTING_GROUP, () -> routing != null);
        this.deadLetters = new KafkaDeadLetters(deadLetterTopic(), carrying(), consumers, template, node + "-dead-letters",
                properties.sendTimeout());
        this.listeners = new StoredEffectsConsumers(node, template, consumers, properties, deadLetterTopic());
    }

    public String triagedTopic() {
        return properties.topicPrefix() + "tickets.triaged";
    }

    public String presenceTopic() {
        return properties.topicPrefix() + "agents.presence";
    }

    public String assignedTopic() {
        return properties.topicPrefix() + "tickets.assigned";
    }

    public String conversationsTopic() {
        return properties.topicPrefix() + "conversations";
    }

    public String deadLetterTopic() {
        return properties.topicPrefix() + "dead-letters";
    }

    /** The backbone's topics: the routing and push ones with these partitions, the dead letters with one. */
    public List<org.apache.kafka.clients.admin.NewTopic> topics(int partitions, short replicas) {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        carrying().forEach(name -> topics.add(new org.apache.kafka.clients.admin.NewTopic(name, partitions, replicas)));
        topics.add(new org.apache.kafka.clients.admin.NewTopic(deadLetterTopic(), 1, replicas));
        return List.copyOf(topics);
    }

    /** The topics that carry the backbone's messages (the dead letters aside). */
    private List<String> carrying() {
        return List.of(triagedTopic(), presenceTopic(), assignedTopic(), conversationsTopic());
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean available() {
        return cluster.reachable();
    }

    /** The partitions of the routing topics this node routes now: the teams whose key falls in them. */
    public java.util.SortedSet<Integer> routedPartitions() {
        return new java.util.TreeSet<>(owned);
    }

    /** Why the broker was last found unreachable; empty while it answers. */
    public String problem() {
        return cluster.problem();
    }

    /**
     * While the routing group (every node's routing) has more triaged messages to take up than routing's
     * backlog limit, intake takes no more tickets for a while: the lag is measured with each probe.
     */
    @Override
    public Optional<String> behind() {
        RoutingInput attached = routing;
        return attached == null ? Optional.empty()
                : Backbone.behind(cluster.routingLag(), "messages of " + triagedTopic(), attached.backlogLimit());
    }


    @Override
    public boolean routesEveryTeam() {
        return false;
    }

    @Override
    public Optional<java.time.Duration> sweepInterval() {
        return Optional.of(properties.sweepInterval());
    }

    @Override
    public void queued(List<Ticket> tickets) {
        Map<String, List<String>> byTeam = new LinkedHashMap<>();
        for (Ticket t : tickets) {
            byTeam.computeIfAbsent(t.team(), k -> new ArrayList<>()).add(t.id().value());
        }
        byTeam.forEach((team, ids) -> send(triagedTopic(), team, Map.of("team", team, "tickets", ids)));
    }

    @Override
    public void changed(TicketId ticket, java.util.Set<String> teams, dev.switchboard.ticket.Actor by) {
        teams.forEach(team -> send(triagedTopic(), team, Map.of("team", team, "changed", ticket.value(), "by", by.toString())));
    }

    @Override
    public void signal(AgentSignal signal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", signal.kind().name());
        body.put("agentId", signal.agentId());
        body.put("team", signal.team());
        signal.ticket().ifPresent(t -> body.put("ticketId", t.value()));
        body.put("node", signal.node());
        send(presenceTopic(), signal.team(), body);
    }

    @Override
    public void push(Push push) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agentId", push.agentId());
        body.put("message", push.message());
        push.acceptedAt().ifPresent(at -> body.put("acceptedAt", at.toString()));
        send(assignedTopic(), push.agentId(), body);
    }

    @Override
    public void written(dev.switchboard.ticket.Message message) {
        send(conversationsTopic(), message.ticketId().value(), conversationMessage(message, node));
    }

    @Override
    public void writtenElsewhereTo(java.util.function.Consumer<dev.switchboard.ticket.Message> views) {
        this.views = views;
    }

    /** A conversation message as the conversations topic carries it, with the node it was written on. */
    static Map<String, Object> conversationMessage(dev.switchboard.ticket.Message message, String node) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", node);
        body.put("id", message.id());
        body.put("ticketId", message.ticketId().value());
        body.put("author", message.author().toString());
        body.put("body", message.body());
        body.put("internal", message.internal());
        body.put("at", message.at().toString());
        return body;
    }

    private static dev.switchboard.ticket.Message conversationMessage(JsonNode body) {
        return new dev.switchboard.ticket.Message(body.get("id").asString(), ticketId(body.get("ticketId")),
                dev.switchboard.ticket.Actor.parse(body.get("author").asString()), body.get("body").asString(),
                body.get("internal").asBoolean(), Instant.parse(body.get("at").asString()));
    }

    private void send(String topic, String key, Map<String, Object> body) {
        try {
            template.send(topic, key, JSON.writeValueAsString(body)).whenComplete((sent, failure) -> {
                if (failure != null) {
                    log.warn("could not send to {} (key {}); the store has what it said: {}", topic, key, failure.toString());
                }
            });
        } catch (RuntimeException unreachable) { // no metadata within max.block.ms: the broker is away
            log.warn("could not send to {} (key {}); the store has what it said: {}", topic, key, unreachable.toString());
        }
    }

    /**
     * Routing reads the triaged and presence topics in one consumer group. The range assignor gives a
     * node the same partition numbers of both, so a team's tickets and its agents' signals reach one
     * owner; a rebalance tells routing which teams it owns from then on (it stores and lets go of the
     * others, and takes up the new ones from the store) before any message of the new partitions.
     */
    @Override
    public void routeTo(RoutingInput routing) {
        this.routing = routing;
        ConsumerAwareRebalanceListener ownership = new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                                        java.util.Collection<TopicPartition> partitions) {
                partitions.stream().filter(p -> p.topic().equals(triagedTopic())).forEach(p -> owned.remove(p.partition()));
                tell(routing, owned, consumer);
            }

            /** Lost, not handed over (this node missed its heartbeats): another node has them already. */
            @Override
            public void onPartitionsLost(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                         java.util.Collection<TopicPartition> partitions) {
                onPartitionsRevokedBeforeCommit(consumer, partitions);
            }

            @Override
            public void onPartitionsAssigned(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                             java.util.Collection<TopicPartition> partitions) {
                partitions.stream().filter(p -> p.topic().equals(triagedTopic())).forEach(p -> owned.add(p.partition()));
                tell(routing, owned, consumer);
                cluster.membersOfTheRoutingGroup().ifPresent(routing::nodes);
                PushOutput here = output;
                if (here != null) {
                    here.routingMoved(); // every node hears of a rebalance: each announces its agents again
                }
            }
        };
        java.util.Properties range = new java.util.Properties();
        range.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
        // A node that dies gives its teams up within seconds, not the clients' default 45 s.
        range.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString((int) properties.sessionTimeout().toMillis()));
        range.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString((int) Math.max(500, properties.sessionTimeout().toMillis() / 4)));
        listeners.listen(ROUTING_GROUP, "earliest", List.of(triagedTopic(), presenceTopic()), range, ownership, routing::storeWhatWaits, in -> {
            JsonNode body = JSON.readTree(in.value());
            if (in.topic().equals(triagedTopic()) && body.has("changed")) {
                return routing.changed(ticketId(body.get("changed")), dev.switchboard.ticket.Actor.parse(body.get("by").asString()));
            } else if (in.topic().equals(triagedTopic())) {
                List<TicketId> ids = new ArrayList<>();
                body.get("tickets").forEach(id -> ids.add(ticketId(id)));
                List<Ticket> found = load.apply(ids);
                if (found.size() < ids.size()) {
                    log.warn("{} of {} queued tickets are not in the store", ids.size() - found.size(), ids.size());
                }
                return routing.queued(found);
            } else {
                return routing.signal(signal(body));
            }
        });
    }

    /** Tells routing which teams it owns now, and waits (bounded) until it has stored and let go of the rest. */
    private void tell(RoutingInput routing, java.util.Set<Integer> owned, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
        int partitions = consumer.partitionsFor(triagedTopic()).size();
        java.util.Set<Integer> now = java.util.Set.copyOf(owned);
        try {
            routing.reassigned(team -> now.contains(partitionOf(team, partitions))).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            if (failed.getCause() instanceof NotStored stopped) {
                log.info("routing is stopped; its teams go to the other nodes ({})", stopped.getMessage());
            } else {
                log.warn("routing could not take its new teams: {}", failed.getCause().toString());
            }
        } catch (java.util.concurrent.TimeoutException slow) {
            log.warn("routing did not take its new teams within 10 s: {}", slow.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        log.info("node {} routes {} of {} partitions of {}", node, now.size(), partitions, triagedTopic());
    }


    /** The partition a team's messages go to: the producer's own choice for a keyed record. */
    static int partitionOf(String team, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(team.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Every node reads every partition of the pushes and of the conversations, in a group of its own from
     * the latest offset (live news: what was missed is in the store): it delivers the pushes for the
     * agents connected to it, and the messages written on other nodes to its live views.
     */
    @Override
    public void pushTo(PushOutput output) {
        this.output = output;
        listeners.listen("switchboard-push-" + node, "latest", List.of(assignedTopic(), conversationsTopic()), new java.util.Properties(), null,
                () -> { }, in -> {
            JsonNode body = JSON.readTree(in.value());
            if (in.topic().equals(conversationsTopic())) {
                java.util.function.Consumer<dev.switchboard.ticket.Message> here = views;
                if (here != null && !node.equals(body.get("node").asString())) { // this node's views have it already
                    here.accept(conversationMessage(body));
                }
            } else {
                output.deliver(new Push(body.get("agentId").asString(), body.get("message").asString(),
                        Optional.ofNullable(body.get("acceptedAt")).map(at -> Instant.parse(at.asString()))));
            }
            return java.util.concurrent.CompletableFuture.completedFuture(null); // live news: nothing to store
        });
    }

    /** A ticket id in a message; a message without a valid one is poison (it goes to the dead letters). */
    private static TicketId ticketId(JsonNode value) {
        return TicketId.parse(value == null ? "" : value.asString())
                .orElseThrow(() -> new IllegalArgumentException("not a ticket id: " + value));
    }

    private static AgentSignal signal(JsonNode body) {
        return new AgentSignal(AgentSignal.Kind.valueOf(body.get("kind").asString()), body.get("agentId").asString(),
                body.get("team").asString(),
                Optional.ofNullable(body.get("ticketId")).map(KafkaBackbone::ticketId),
                body.get("node").asString());
    }

    /** The latest dead letters, newest first, at most {@code limit}. */
    public List<KafkaDeadLetters.DeadLetter> deadLetters(int limit) {
        return deadLetters.latest(limit);
    }

    /** Sends the dead letter at {@code offset} again to the topic it came from ({@link KafkaDeadLetters#replay}). */
    public Optional<KafkaDeadLetters.DeadLetter> replay(long offset) {
        return deadLetters.replay(offset);
    }

    @Override
    public void start() {
        running = true;
        listeners.start();
        cluster.start();
    }

    @Override
    public void stop() {
        running = false;
        listeners.stop();
        cluster.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before routing (which attaches to it at its own start) and after it at shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
