package dev.switchboard.learning;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.web.ApiProblems;

/** The models (admins only): versions, who serves how much, their figures; retrain, promote, roll back. */
@RestController
@RequestMapping("/api/v1/models")
public class ModelController {

    private final LearningLoop loop;
    private final ModelRegistry registry;

    public ModelController(LearningLoop loop, ModelRegistry registry) {
        this.loop = loop;
        this.registry = registry;
    }

    /** A version as shown, with its live figures over the last 24 h when it serves. */
    public record VersionView(String version, String status, int sharePercent, int trainingExamples, int heldOutExamples,
                              double macroF1, double accuracy, Double baselineMacroF1, String trigger, Instant createdAt,
                              Instant updatedAt, LiveView live) {
    }

    public record LiveView(long decided, double misrouteRate, double lowConfidenceRate) {
    }

    public record Overview(List<VersionView> versions, LearningLoop.Job job, List<ModelRegistry.Event> events) {
    }

    @GetMapping
    public Overview overview() {
        Map<String, LiveFigures> live = loop.liveFigures();
        List<VersionView> versions = registry.all().stream().map(v -> new VersionView(v.version(), v.status().wireName(),
                v.sharePercent(), v.trainingExamples(), v.heldOutExamples(), v.macroF1(), v.accuracy(),
                v.baselineMacroF1().orElse(null), v.trigger(), v.createdAt(), v.updatedAt(),
                live.containsKey(v.version()) ? new LiveView(live.get(v.version()).decided(), live.get(v.version()).misrouteRate(),
                        live.get(v.version()).lowConfidenceRate()) : null)).toList();
        return new Overview(versions, loop.job().orElse(null), registry.events(50));
    }

    /** Starts a training now: 202 with the job, to follow at {@code GET /api/v1/models/job}. */
    @PostMapping("/retrain")
    public ResponseEntity<LearningLoop.Job> retrain() {
        return ResponseEntity.accepted().location(URI.create("/api/v1/models/job")).body(loop.retrain());
    }

    @GetMapping("/job")
    public ResponseEntity<?> job() {
        return loop.job().<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ApiProblems.notFound("no training has run"));
    }

    @PostMapping("/{version}/promote")
    public ModelVersion promote(@PathVariable String version) {
        return loop.promote(version);
    }

    @PostMapping("/{version}/rollback")
    public ModelVersion rollBack(@PathVariable String version) {
        return loop.rollBack(version);
    }

    @ExceptionHandler(LearningLoop.Busy.class)
    ResponseEntity<?> busy(LearningLoop.Busy e) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Cannot retrain now", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<?> unknown(IllegalArgumentException e) {
        return ApiProblems.notFound(e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<?> notNow(IllegalStateException e) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Not possible now", e.getMessage());
    }
}
