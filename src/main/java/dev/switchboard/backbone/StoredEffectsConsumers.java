package dev.switchboard.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import dev.switchboard.backbone.Backbone.NotStored;

/**
 * The backbone's consumers: a group's records are handed to a handler that answers with a future of
 * their effects being stored, and their offsets are committed only once they are; a record that cannot
 * be taken goes to the dead letters, one that cannot be stored for now comes again. What each group
 * reads and does with a record is {@link KafkaBackbone}'s.
 */
final class StoredEffectsConsumers {

    private static final Logger log = LoggerFactory.getLogger(StoredEffectsConsumers.class);

    private final String node;
    private final KafkaTemplate<String, String> template;
    private final ConsumerFactory<String, String> consumers;
    private final BackboneProperties properties;
    private final String deadLetterTopic;
    private final List<ConcurrentMessageListenerContainer<String, String>> containers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    StoredEffectsConsumers(String node, KafkaTemplate<String, String> template, ConsumerFactory<String, String> consumers,
                           BackboneProperties properties, String deadLetterTopic) {
        this.node = node;
        this.template = template;
        this.consumers = consumers;
        this.properties = properties;
        this.deadLetterTopic = deadLetterTopic;
    }

    /**
     * A listener container for one consumer group. It takes the records of a poll together: each one's
     * handler answers with a future that completes once its effects are stored, and the poll's offsets are
     * committed only after every one of them has (so a crash or a rebalance delivers again what was not
     * stored, and the effects, idempotent by ticket id, change nothing the second time). A record whose
     * handler fails {@code attempts} times, or whose effects cannot be taken at all, goes to the dead
     * letters and the next one is taken; one whose effects cannot be stored for now ({@link NotStored},
     * the store unreachable) is delivered again every second, with everything after it, until they are.
     * {@code handedOver} runs once a poll's records are all handed to their handlers, before the wait.
     */
    void listen(String group, String reset, List<String> topics, java.util.Properties overrides,
                        ConsumerAwareRebalanceListener rebalance, Runnable handedOver,
                        Function<ConsumerRecord<String, String>, java.util.concurrent.CompletableFuture<Void>> handler) {
        ContainerProperties settings = new ContainerProperties(topics.toArray(String[]::new));
        settings.setGroupId(group);
        settings.setClientId(node + "-" + group);
        // Offsets are committed once a poll's records are handled, which is once their effects are stored: after
        // every poll, or at most every commit-interval, so that a stream of small polls is not a stream of writes
        // on the broker (a rebalance commits what is handled at once).
        if (properties.commitInterval().isZero()) {
            settings.setAckMode(ContainerProperties.AckMode.BATCH);
        } else {
            settings.setAckMode(ContainerProperties.AckMode.TIME);
            settings.setAckTime(properties.commitInterval().toMillis());
        }
        if (rebalance != null) {
            settings.setConsumerRebalanceListener(rebalance);
        }
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
        settings.setKafkaConsumerProperties(overrides);
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(deadLetterTopic, -1));
        settings.setMessageListener((BatchConsumerAwareMessageListener<String, String>) (records, consumer) ->
                take(records, consumer, handler, handedOver, publisher));
        ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(consumers, settings);
        // Only what is not stored yet reaches the error handler (the rest is handled in take): again, until it is.
        container.setCommonErrorHandler(new DefaultErrorHandler(publisher, new FixedBackOff(1_000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        container.setBeanName("backbone-" + group);
        containers.add(container);
        if (running) {
            container.start();
        }
    }

    /** One poll's records: handled in order, then waited for until their effects are stored. */
    private void take(List<ConsumerRecord<String, String>> records, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                      Function<ConsumerRecord<String, String>, java.util.concurrent.CompletableFuture<Void>> handler,
                      Runnable handedOver, DeadLetterPublishingRecoverer publisher) {
        List<java.util.concurrent.CompletableFuture<Void>> effects = new ArrayList<>(records.size());
        RuntimeException notNow = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                effects.add(attempt(record, consumer, handler, publisher));
            } catch (RuntimeException passing) {
                notNow = passing; // this one and the rest come again, once those before it are stored
                break;
            }
        }
        handedOver.run(); // the consumer waits from here on: what it waits for is not held back to be stored later
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (int i = 0; i < effects.size(); i++) {
            try {
                effects.get(i).get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException failed) {
                if (NotStored.isPassing(failed.getCause())) {
                    throw new BatchListenerFailedException("not stored yet: " + failed.getCause(), failed.getCause(), i);
                }
                deadLetter(records.get(i), consumer, failed.getCause(), publisher);
            } catch (java.util.concurrent.TimeoutException slow) {
                throw new BatchListenerFailedException("effects not stored within " + properties.sendTimeout(), slow, i);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new BatchListenerFailedException("interrupted while waiting for effects to be stored", interrupted, i);
            }
        }
        if (notNow != null) {
            throw new BatchListenerFailedException("not stored yet: " + notNow, notNow, effects.size());
        }
    }

    /**
     * Runs the record's handler, up to {@code attempts} times while it throws; then the record goes to
     * the dead letters. A passing failure (the store unreachable) is thrown at once: the record comes again.
     */
    private java.util.concurrent.CompletableFuture<Void> attempt(ConsumerRecord<String, String> record,
            org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Function<ConsumerRecord<String, String>, java.util.concurrent.CompletableFuture<Void>> handler,
            DeadLetterPublishingRecoverer publisher) {
        for (int attempt = 1; ; attempt++) {
            try {
                return handler.apply(record);
            } catch (RuntimeException failure) {
                if (NotStored.isPassing(failure)) {
                    throw failure;
                }
                if (attempt >= Math.max(1, properties.attempts())) {
                    deadLetter(record, consumer, failure, publisher);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }
            }
        }
    }

    /** Publishes the record to the dead letters, with the failure in its headers; a failed publish is a passing failure. */
    private void deadLetter(ConsumerRecord<String, String> record, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                            Throwable failure, DeadLetterPublishingRecoverer publisher) {
        log.warn("a message of {} (key {}, offset {}) goes to the dead letters: {}", record.topic(), record.key(), record.offset(),
                failure.toString());
        try {
            publisher.accept(record, consumer, failure instanceof Exception e ? e : new IllegalStateException(failure));
        } catch (RuntimeException unpublished) {
            throw new NotStored("could not publish to the dead letters", unpublished);
        }
    }

    /** Starts every group's container, and those added from now on. */
    void start() {
        running = true;
        containers.forEach(ConcurrentMessageListenerContainer::start);
    }

    void stop() {
        running = false;
        containers.forEach(ConcurrentMessageListenerContainer::stop);
    }
}
