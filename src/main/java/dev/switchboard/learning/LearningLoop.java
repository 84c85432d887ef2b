package dev.switchboard.learning;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

import dev.switchboard.triage.GuardedClassifier;
import dev.switchboard.triage.TextClassifier;
import dev.switchboard.triage.classifier.Evaluation;
import dev.switchboard.triage.classifier.LabeledText;

/**
 * The learning loop: retrains on the team's resolved tickets (on its schedule, on an admin's demand,
 * or when drift is seen), lets a candidate into service only past the {@link EvaluationGate}, rolls it
 * out as a canary by the {@link CanaryPolicy} (rolled back by itself when it misroutes more), and
 * watches for drift ({@link DriftWatch}). Every decision is stored in the {@link ModelRegistry} and
 * recorded as an event; what serves triage follows the registry ({@link GuardedClassifier#serve}).
 *
 * <p>Training runs on its own executor and never holds up triage, which goes on with the models in
 * service. One training at a time; none while a canary is being rolled out. {@link #tick()} is called
 * on a fixed delay (and directly by tests, with a clock of their own).
 *
 * <p>With several nodes, every node serves what the registry says (each tick takes up what another
 * node decided), and one node decides: the holder of the lease {@value #LEAD} judges the canary,
 * watches drift and keeps the schedule, renewing its lease every tick. A training, wherever it
 * starts (an admin's request reaches any node), holds the lease {@value #TRAINING} until it ends, so
 * that two nodes never train at once.
 */
public class LearningLoop {

    private static final Logger log = LoggerFactory.getLogger(LearningLoop.class);
    /** The lease of the node that makes the loop's own decisions (canary, drift, schedule). */
    static final String LEAD = "learning.lead";
    /** The lease of the node that trains now. */
    static final String TRAINING = "learning.training";
    /** The longest a training may hold its lease (a node that dies while training gives it up after this). */
    private static final java.time.Duration LONGEST_TRAINING = java.time.Duration.ofHours(6);

    /** A training run, as admins follow it. */
    public record Job(long id, String trigger, String phase, Instant startedAt, Optional<Instant> endedAt,
                      Optional<String> outcome) {
        Job at(String newPhase) {
            return new Job(id, trigger, newPhase, startedAt, endedAt, outcome);
        }

        Job ended(String why, Instant at) {
            return new Job(id, trigger, "done", startedAt, Optional.of(at), Optional.of(why));
        }

        public boolean running() {
            return endedAt.isEmpty();
        }
    }

    /** Why a retrain could not start. */
    public static final class Busy extends RuntimeException {
        Busy(String why) {
            super(why);
        }
    }

    private final ModelRegistry registry;
    private final ModelStats stats;
    private final TrainingData data;
    private final ModelArchive archive;
    private final Trainer trainer;
    private final GuardedClassifier serving;
    private final LearningProperties properties;
    private final double confidenceThreshold;
    private final Supplier<List<LabeledText>> imported;
    private final Executor training;
    private final Clock clock;
    private final Consumer<ModelRegistry.Event> notifier;
    private final Optional<CronExpression> schedule;
    private final Map<String, TextClassifier> loaded = new ConcurrentHashMap<>();
    private final AtomicLong jobs = new AtomicLong();

    private volatile Optional<Job> job = Optional.empty();
    private Instant scheduleCheckedAt;
    private Optional<Instant> lastDriftRetrain = Optional.empty();
    private volatile Map<String, LiveFigures> lastFigures = Map.of();
    private final dev.switchboard.backbone.Leases leases;
    private final String node;
    /** This node's turn to decide: the lease {@value #LEAD}, renewed every tick, held for three. */
    private final dev.switchboard.backbone.OnOneNode lead;

    public LearningLoop(ModelRegistry registry, ModelStats stats, TrainingData data, ModelArchive archive, Trainer trainer,
                        GuardedClassifier serving, LearningProperties properties, double confidenceThreshold,
                        Supplier<List<LabeledText>> imported, Executor training, Clock clock,
                        Consumer<ModelRegistry.Event> notifier, dev.switchboard.backbone.Leases leases, String node) {
        this.leases = leases;
        this.node = node;
        this.lead = new dev.switchboard.backbone.OnOneNode(leases, LEAD, node, properties.tickInterval().multipliedBy(3), clock);
        this.registry = registry;
        this.stats = stats;
        this.data = data;
        this.archive = archive;
        this.trainer = trainer;
        this.serving = serving;
        this.properties = properties;
        this.confidenceThreshold = confidenceThreshold;
        this.imported = imported;
        this.training = training;
        this.clock = clock;
        this.notifier = notifier;
        this.schedule = properties.schedule().isBlank() || properties.schedule().equals("-")
                ? Optional.empty() : Optional.of(CronExpression.parse(properties.schedule()));
        this.scheduleCheckedAt = clock.instant();
    }

    /**
     * Takes up what the registry says serves; a model loaded from the model file at start with none in
     * the registry becomes the current version.
     */
    public synchronized void start() {
        Optional<ModelVersion> current = find(ModelStatus.CURRENT);
        Optional<TextClassifier> fromFile = serving.serving().current();
        if (current.isEmpty() && fromFile.isPresent()) {
            TextClassifier model = fromFile.get();
            archive.save(model);
            Instant now = clock.instant();
            Optional<Evaluation.Figures> figures = model.evaluation();
            registry.save(new ModelVersion(model.version(), ModelStatus.CURRENT, 100, 0, Optional.of(now), 0,
                    figures.map(Evaluation.Figures::examples).orElse(0), figures.map(Evaluation.Figures::macroF1).orElse(0.0),
                    figures.map(Evaluation.Figures::accuracy).orElse(0.0), Optional.empty(), "imported", now, now));
            registry.record(model.version(), "imported", "the model file loaded at start became the current version", now);
        }
        lastDriftRetrain = registry.events(500).stream().filter(e -> e.type().equals("drift")).map(ModelRegistry.Event::at).findFirst();
        apply();
    }

    /**
     * Serves what the registry says (another node may have decided since); on the leading node, looks at
     * the schedule, the canary and drift.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        apply();
        boolean leading = lead.here();
        if (leading) {
            judgeCanary(now);
        }
        // The models in service over the drift window: what drift is judged on, and what admins and metrics see.
        Map<String, LiveFigures> figures = new java.util.HashMap<>();
        for (ModelVersion v : registry.all()) {
            if (v.status() == ModelStatus.CURRENT || v.status() == ModelStatus.CANARY) {
                figures.put(v.version(), stats.of(v.version(), now.minus(properties.driftWindow())));
            }
        }
        lastFigures = Map.copyOf(figures);
        if (!leading) {
            return;
        }
        watchDrift(now, figures.values().stream().reduce(LiveFigures.NONE, LiveFigures::plus));
        if (schedule.isPresent()) {
            var next = schedule.get().next(scheduleCheckedAt.atZone(ZoneOffset.UTC));
            if (next != null && !next.toInstant().isAfter(now)) {
                scheduleCheckedAt = now;
                tryRetrain("schedule");
            }
        }
    }

    /** An admin's retrain: the job, or {@link Busy} when one runs or a canary is being rolled out. */
    public synchronized Job retrain() {
        return retrain("manual");
    }

    private void tryRetrain(String trigger) {
        try {
            retrain(trigger);
        } catch (Busy busy) {
            log.info("no {} retrain: {}", trigger, busy.getMessage());
        }
    }

    private Job retrain(String trigger) {
        if (job.filter(Job::running).isPresent()) {
            throw new Busy("a training is running (job " + job.get().id() + ")");
        }
        find(ModelStatus.CANARY).ifPresent(canary -> {
            throw new Busy("model " + canary.version() + " is being rolled out; promote or roll it back first");
        });
        Instant now = clock.instant();
        if (!leases.hold(TRAINING, node, now.plus(LONGEST_TRAINING), now)) {
            throw new Busy("a training runs on node " + leases.holder(TRAINING, now).orElse("(another)"));
        }
        Job started = new Job(jobs.incrementAndGet(), trigger, "queued", clock.instant(), Optional.empty(), Optional.empty());
        job = Optional.of(started);
        try {
            training.execute(() -> train(started));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            end(started, "not started: the server is stopping");
            throw new Busy("the server is stopping");
        }
        return started;
    }

    public Optional<Job> job() {
        return job;
    }

    private void progress(Job of, String phase) {
        job = Optional.of(of.at(phase));
    }

    /** On the training executor: reads, trains, evaluates, gates. Triage goes on meanwhile. */
    private void train(Job started) {
        try {
            progress(started, "reading resolved tickets");
            List<LabeledText> resolved = data.resolved(properties.maxTrainingTickets());
            if (resolved.size() < properties.minTrainingTickets()) {
                end(started, "not enough resolved tickets: " + resolved.size() + " of the " + properties.minTrainingTickets() + " needed");
                return;
            }
            // The newest tickets are held out: a model is judged on what it will meet next, not on a shuffle.
            int heldOutCount = Math.max(1, (int) Math.round(resolved.size() * properties.heldOutFraction()));
            List<LabeledText> heldOut = resolved.subList(0, heldOutCount);
            List<LabeledText> examples = new ArrayList<>(resolved.subList(heldOutCount, resolved.size()));
            examples.addAll(imported.get());
            progress(started, "training on " + examples.size() + " tickets");
            TextClassifier candidate = trainer.train(examples, step -> progress(started, "training: " + step));
            progress(started, "evaluating on " + heldOut.size() + " recent tickets");
            Evaluation.Figures figures = Evaluation.of(candidate::classify, heldOut, confidenceThreshold).figures();
            Optional<Double> baseline = currentModel().map(current ->
                    Evaluation.of(current::classify, heldOut, confidenceThreshold).figures().macroF1());
            decide(started, candidate, figures, baseline, examples.size());
        } catch (RuntimeException failure) {
            log.error("training failed", failure);
            end(started, "failed: " + failure.getMessage());
        }
    }

    private synchronized void decide(Job started, TextClassifier candidate, Evaluation.Figures figures,
                                     Optional<Double> baseline, int trainedOn) {
        Instant now = clock.instant();
        Optional<String> refusal = properties.gate().refusal(figures.macroF1(), baseline);
        boolean first = find(ModelStatus.CURRENT).isEmpty();
        ModelStatus status = refusal.isPresent() ? ModelStatus.REJECTED : first ? ModelStatus.CURRENT : ModelStatus.CANARY;
        int share = switch (status) {
            case CURRENT -> 100;
            case CANARY -> properties.canaryPercents().getFirst();
            default -> 0;
        };
        if (status != ModelStatus.REJECTED) {
            archive.save(candidate);
            loaded.put(candidate.version(), candidate);
        }
        registry.save(new ModelVersion(candidate.version(), status, share, 0, Optional.of(now), trainedOn, figures.examples(),
                figures.macroF1(), figures.accuracy(), baseline, started.trigger(), now, now));
        String detail = String.format(java.util.Locale.ROOT, "macro-F1 %.4f on %d recent tickets%s", figures.macroF1(),
                figures.examples(), baseline.map(b -> String.format(java.util.Locale.ROOT, " (current model %.4f)", b)).orElse(""));
        switch (status) {
            case REJECTED -> event(candidate.version(), "rejected", refusal.get(), now);
            case CURRENT -> event(candidate.version(), "promoted", "the first model: " + detail, now);
            default -> event(candidate.version(), "canary_started", share + " % of tickets; " + detail, now);
        }
        end(started, status.wireName() + ": " + detail);
        apply();
    }

    private synchronized void end(Job started, String outcome) {
        job = Optional.of(started.ended(outcome, clock.instant()));
        leases.release(TRAINING, node);
    }

    private void judgeCanary(Instant now) {
        Optional<ModelVersion> canary = find(ModelStatus.CANARY);
        Optional<ModelVersion> current = find(ModelStatus.CURRENT);
        if (canary.isEmpty()) {
            return;
        }
        ModelVersion c = canary.get();
        LiveFigures candidateFigures = stats.of(c.version(), c.createdAt());
        LiveFigures currentFigures = current.map(v -> stats.of(v.version(), c.createdAt())).orElse(LiveFigures.NONE);
        switch (properties.canary().decide(c.stage(), c.stageStartedAt().orElse(c.createdAt()), now, candidateFigures, currentFigures)) {
            case CanaryPolicy.Decision.Hold hold -> {
            }
            case CanaryPolicy.Decision.Advance advance -> {
                registry.save(c.moved(ModelStatus.CANARY, advance.percent(), advance.stage(), now));
                event(c.version(), "canary_advanced", advance.percent() + " % of tickets", now);
                apply();
            }
            case CanaryPolicy.Decision.Promote promote -> promote(c, now, "its canary passed every stage");
            case CanaryPolicy.Decision.RollBack rollBack -> {
                registry.save(c.moved(ModelStatus.ROLLED_BACK, 0, c.stage(), now));
                event(c.version(), "rolled_back", rollBack.why(), now);
                apply();
            }
        }
    }

    private void promote(ModelVersion next, Instant now, String why) {
        find(ModelStatus.CURRENT).filter(v -> !v.version().equals(next.version()))
                .ifPresent(old -> registry.save(old.moved(ModelStatus.RETIRED, 0, 0, now)));
        registry.save(next.moved(ModelStatus.CURRENT, 100, 0, now));
        event(next.version(), "promoted", why, now);
        apply();
    }

    private void watchDrift(Instant now, LiveFigures recent) {
        if (properties.drift().drifted(recent, lastDriftRetrain, now)) {
            lastDriftRetrain = Optional.of(now);
            String version = find(ModelStatus.CURRENT).map(ModelVersion::version).orElse("-");
            event(version, "drift", String.format(java.util.Locale.ROOT, "%.1f %% of %d predictions in the last %s were below the"
                    + " confidence threshold; retraining", 100 * recent.lowConfidenceRate(), recent.decided(), properties.driftWindow()), now);
            tryRetrain("drift");
        }
    }

    /** An admin puts a version into service at once: a canary, or an earlier version back. */
    public synchronized ModelVersion promote(String version) {
        ModelVersion v = registry.find(version).orElseThrow(() -> new IllegalArgumentException("no model " + version));
        if (v.status() == ModelStatus.REJECTED) {
            throw new IllegalStateException("model " + version + " did not pass the evaluation gate");
        }
        promote(v, clock.instant(), "promoted by an admin");
        return registry.find(version).orElseThrow();
    }

    /**
     * An admin takes a version out of service: a canary stops; a current model gives way to the version
     * that was current before it.
     */
    public synchronized ModelVersion rollBack(String version) {
        ModelVersion v = registry.find(version).orElseThrow(() -> new IllegalArgumentException("no model " + version));
        Instant now = clock.instant();
        switch (v.status()) {
            case CANARY -> {
                registry.save(v.moved(ModelStatus.ROLLED_BACK, 0, v.stage(), now));
                event(version, "rolled_back", "by an admin", now);
            }
            case CURRENT -> {
                ModelVersion previous = registry.all().stream().filter(o -> o.status() == ModelStatus.RETIRED).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no earlier version to go back to"));
                registry.save(v.moved(ModelStatus.ROLLED_BACK, 0, 0, now));
                registry.save(previous.moved(ModelStatus.CURRENT, 100, 0, now));
                event(version, "rolled_back", "by an admin; " + previous.version() + " is current again", now);
            }
            default -> throw new IllegalStateException("model " + version + " is not in service");
        }
        apply();
        return registry.find(version).orElseThrow();
    }

    /** Each version in service with its live figures over the drift window (24 h), as of the last tick. */
    public Map<String, LiveFigures> liveFigures() {
        return lastFigures;
    }

    /** Puts the registry's current model and canary into service. */
    private void apply() {
        Optional<ModelVersion> current = find(ModelStatus.CURRENT);
        Optional<ModelVersion> canary = find(ModelStatus.CANARY);
        try {
            serving.serve(new GuardedClassifier.Serving(current.map(v -> model(v.version())), canary.map(v -> model(v.version())),
                    canary.map(ModelVersion::sharePercent).orElse(0)));
        } catch (RuntimeException unreadable) {
            // A model file gone or damaged: triage keeps the models it serves (or its rules) rather than stop.
            log.error("could not put the registry's models into service; the models serving now stay", unreadable);
        }
    }

    private TextClassifier model(String version) {
        return loaded.computeIfAbsent(version, archive::load);
    }

    private Optional<TextClassifier> currentModel() {
        return find(ModelStatus.CURRENT).map(v -> model(v.version()));
    }

    private Optional<ModelVersion> find(ModelStatus status) {
        return registry.all().stream().filter(v -> v.status() == status).findFirst();
    }

    private void event(String version, String type, String detail, Instant at) {
        registry.record(version, type, detail, at);
        ModelRegistry.Event event = new ModelRegistry.Event(version, type, detail, at);
        if (type.equals("rolled_back") || type.equals("drift")) {
            log.warn("model {}: {} ({})", version, type, detail);
        } else {
            log.info("model {}: {} ({})", version, type, detail);
        }
        notifier.accept(event);
    }
}
