package dev.switchboard.backbone;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Another node in the routing group, as far as the group can tell: a consumer named as a node's routing consumer is. */
final class OtherNode {

    private OtherNode() {
    }

    /** A member of the routing group for {@code node} (range assignor, no commits); subscribe it to take partitions. */
    static KafkaConsumer<String, String> inTheRoutingGroup(String brokers, String node) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaBackbone.ROUTING_GROUP);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, node + "-" + KafkaBackbone.ROUTING_GROUP + "-0");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }
}
