package dev.switchboard.backbone;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import dev.switchboard.ticket.Tickets;

/**
 * The Kafka backbone ({@code switchboard.backbone=kafka}): the broker and clients from the standard
 * {@code spring.kafka.*} settings, with what the backbone's guarantees need on top (idempotent
 * producers with {@code acks=all}, no automatic offset commits), and its topics.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.backbone", havingValue = "kafka")
public class KafkaBackboneConfiguration {

    @Bean
    KafkaBackbone kafkaBackbone(KafkaProperties kafka, BackboneProperties properties, Tickets tickets,
                                io.micrometer.core.instrument.MeterRegistry meters) {
        KafkaTemplate<String, String> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                producerSettings(kafka.buildProducerProperties(), properties)));
        DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(
                consumerSettings(kafka.buildConsumerProperties()));
        // The clients' own metrics (records lag per group and partition, send rates, ...) in /actuator/prometheus.
        consumers.addListener(new org.springframework.kafka.core.MicrometerConsumerListener<>(meters));
        ((DefaultKafkaProducerFactory<String, String>) template.getProducerFactory())
                .addListener(new org.springframework.kafka.core.MicrometerProducerListener<>(meters));
        Map<String, Object> admin = new HashMap<>(kafka.buildAdminProperties());
        admin.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        admin.put(org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        return new KafkaBackbone(properties.nodeName(), template, consumers,
                tickets::findAll, properties, admin);
    }

    /**
     * The producer settings the backbone's guarantees need, over the configured ones: idempotent with
     * {@code acks=all}, strings, and a send that never blocks its caller (intake's writer, a request)
     * for long waiting for the broker's metadata, but waits up to {@code send-timeout} for its answer.
     */
    static Map<String, Object> producerSettings(Map<String, Object> configured, BackboneProperties properties) {
        Map<String, Object> producer = new HashMap<>(configured);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        int request = (int) Math.max(1_000, properties.sendTimeout().toMillis() / 2);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(properties.sendTimeout().toMillis(), request + 100));
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        return producer;
    }

    /** The consumer settings over the configured ones: strings, and offsets committed by the backbone only. */
    static Map<String, Object> consumerSettings(Map<String, Object> configured) {
        Map<String, Object> consumer = new HashMap<>(configured);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return consumer;
    }

    /** The backbone's topics, made at start when missing (the broker's admin rights allowing). */
    @Bean
    KafkaAdmin.NewTopics backboneTopics(KafkaBackbone backbone, BackboneProperties properties) {
        return new KafkaAdmin.NewTopics(backbone.topics(properties.partitions(), properties.replicas()).toArray(NewTopic[]::new));
    }
}
