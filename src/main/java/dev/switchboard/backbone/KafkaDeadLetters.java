package dev.switchboard.backbone;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongBinaryOperator;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The dead-letter topic as admins see it: the latest letters, and one of them sent again to the topic it
 * came from once its cause is mended. The letters themselves are published by the backbone's listeners
 * (Spring Kafka's {@code DeadLetterPublishingRecoverer}, whose {@code kafka_dlt-*} headers name the
 * original topic and the exception).
 */
public final class KafkaDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetters.class);
    /** The longest a read of the topic waits for the broker. */
    private static final Duration READ_WAIT = Duration.ofSeconds(3);

    /** A message no handler could take, as the dead-letter topic keeps it. */
    public record DeadLetter(long offset, String key, String value, String originalTopic, String exception, Instant at) {

        static DeadLetter of(ConsumerRecord<String, String> record) {
            return new DeadLetter(record.offset(), record.key(), record.value(), header(record, "kafka_dlt-original-topic"),
                    header(record, "kafka_dlt-exception-message"), Instant.ofEpochMilli(record.timestamp()));
        }
    }

    private final String topic;
    private final List<String> replayable;
    private final ConsumerFactory<String, String> consumers;
    private final KafkaTemplate<String, String> template;
    private final String clientId;
    private final Duration sendTimeout;

    /** @param replayable the topics a letter may be sent back to: the backbone's own */
    KafkaDeadLetters(String topic, List<String> replayable, ConsumerFactory<String, String> consumers,
                     KafkaTemplate<String, String> template, String clientId, Duration sendTimeout) {
        this.topic = topic;
        this.replayable = List.copyOf(replayable);
        this.consumers = consumers;
        this.template = template;
        this.clientId = clientId;
        this.sendTimeout = sendTimeout;
    }

    /** The latest dead letters, newest first, at most {@code limit}. */
    public List<DeadLetter> latest(int limit) {
        List<DeadLetter> letters = new ArrayList<>(read((begin, end) -> Math.max(begin, end - limit), limit).stream()
                .map(DeadLetter::of).toList());
        letters.sort(Comparator.comparing(DeadLetter::at).reversed());
        return letters.size() > limit ? letters.subList(0, limit) : letters;
    }

    /**
     * Sends the dead letter at {@code offset} (the topic has one partition) again to the topic it came
     * from, with its key, once its cause is mended (a handler fixed, a store back): it is handled as if it
     * came for the first time, and a handler's effects being idempotent, a letter replayed twice does no
     * harm. Empty when there is no letter at that offset.
     *
     * @throws IllegalStateException when the letter came from a topic the backbone does not read
     */
    public Optional<DeadLetter> replay(long offset) {
        Optional<ConsumerRecord<String, String>> found = read((begin, end) -> offset < begin || offset >= end ? end : offset, 1)
                .stream().filter(r -> r.offset() == offset).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadLetter letter = DeadLetter.of(found.get());
        if (!replayable.contains(letter.originalTopic())) {
            throw new IllegalStateException("dead letter " + offset + " came from " + letter.originalTopic()
                    + ", not one of the backbone's topics");
        }
        try {
            template.send(letter.originalTopic(), letter.key(), letter.value()).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new Backbone.NotStored("could not send the dead letter again", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Backbone.NotStored("interrupted while sending the dead letter again", interrupted);
        }
        log.info("dead letter {} sent again to {} (key {})", offset, letter.originalTopic(), letter.key());
        return Optional.of(letter);
    }

    /**
     * Reads every partition of the topic from the offset {@code from} chooses (given the partition's first
     * and next offsets), at most {@code most} records each, waiting up to {@link #READ_WAIT} for them.
     */
    private List<ConsumerRecord<String, String>> read(LongBinaryOperator from, long most) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (Consumer<String, String> reader = consumers.createConsumer(null, clientId, null)) {
            List<TopicPartition> partitions = reader.partitionsFor(topic, READ_WAIT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, READ_WAIT);
            Map<TopicPartition, Long> begins = reader.beginningOffsets(partitions, READ_WAIT);
            Map<TopicPartition, Long> until = new java.util.HashMap<>();
            for (TopicPartition p : partitions) {
                long start = from.applyAsLong(begins.get(p), ends.get(p));
                reader.seek(p, start);
                until.put(p, Math.min(ends.get(p), start + most));
            }
            long deadline = System.nanoTime() + READ_WAIT.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> reader.position(p) < until.get(p))) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.offset() < until.get(new TopicPartition(r.topic(), r.partition()))) {
                        read.add(r);
                    }
                }
            }
        }
        return read;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
