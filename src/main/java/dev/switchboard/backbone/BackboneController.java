package dev.switchboard.backbone;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The backbone for admins: which one runs, this node, and the latest dead letters (Kafka). */
@RestController
@RequestMapping("/api/v1/backbone")
public class BackboneController {

    private final Backbone backbone;

    public BackboneController(Backbone backbone) {
        this.backbone = backbone;
    }

    /** Which backbone runs, this node, whether it can carry messages, and (Kafka) the routing partitions it owns. */
    @GetMapping
    public Map<String, Object> describe() {
        Map<String, Object> described = new java.util.LinkedHashMap<>();
        described.put("backbone", backbone instanceof KafkaBackbone ? "kafka" : "in-process");
        described.put("node", backbone.node());
        described.put("available", backbone.available());
        if (backbone instanceof KafkaBackbone kafka) {
            described.put("routedPartitions", kafka.routedPartitions());
        }
        return described;
    }

    /** Messages no handler could take ({@code attempts} times), newest first: their key, body, topic and error. */
    @GetMapping("/dead-letters")
    public List<KafkaDeadLetters.DeadLetter> deadLetters(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new dev.switchboard.web.InvalidRequestException("limit", "is 1 to 1000");
        }
        return backbone instanceof KafkaBackbone kafka ? fromTheBroker(() -> kafka.deadLetters(limit)) : List.of();
    }

    /** What the broker answers; 503 with {@code Retry-After} when it cannot be reached. */
    private static <T> T fromTheBroker(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (org.apache.kafka.common.KafkaException unreachable) {
            throw Backbone.unreachable(unreachable);
        }
    }

    /**
     * Sends a dead letter again to the topic it came from (its cause mended): 202 with the letter, 404
     * when there is none at that offset (or the backbone is in-process, which keeps none).
     */
    @org.springframework.web.bind.annotation.PostMapping("/dead-letters/{offset}/replay")
    public org.springframework.http.ResponseEntity<?> replay(@org.springframework.web.bind.annotation.PathVariable long offset) {
        java.util.Optional<KafkaDeadLetters.DeadLetter> replayed;
        try {
            replayed = backbone instanceof KafkaBackbone kafka ? fromTheBroker(() -> kafka.replay(offset)) : java.util.Optional.empty();
        } catch (IllegalStateException notOurs) { // a letter from a topic the backbone does not read
            return dev.switchboard.web.ApiProblems.problem(org.springframework.http.HttpStatus.CONFLICT, "not-replayable",
                    "Not replayable", notOurs.getMessage());
        }
        return replayed.<org.springframework.http.ResponseEntity<?>>map(letter -> org.springframework.http.ResponseEntity.accepted().body(letter))
                .orElseGet(() -> dev.switchboard.web.ApiProblems.notFound("no dead letter at offset " + offset));
    }
}
