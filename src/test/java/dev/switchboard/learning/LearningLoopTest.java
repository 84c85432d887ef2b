package dev.switchboard.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.support.Tickets;
import dev.switchboard.triage.GuardedClassifier;
import dev.switchboard.triage.Prediction;
import dev.switchboard.triage.TextClassifier;
import dev.switchboard.triage.classifier.Evaluation;
import dev.switchboard.triage.classifier.LabeledText;

/**
 * The learning loop with a clock of its own and figures it is handed: the gate, the canary's stages,
 * its rollback, drift. Training is a stand-in that returns a model of known quality.
 */
class LearningLoopTest {

    private static final List<String> LABELS = List.of("billing", "bug", "outage");

    /** Answers the true label for the share of texts it knows, the first label otherwise. */
    private record Model(String version, double knows) implements TextClassifier {
        @Override
        public Prediction classify(String text) {
            int n = Integer.parseInt(text.substring(text.indexOf('#') + 1));
            boolean known = (n % 100) < knows * 100;
            return new Prediction(known ? text.substring(0, text.indexOf('#')) : LABELS.getFirst(), 0.9, version);
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public List<String> labels() {
            return LABELS;
        }

        @Override
        public Optional<Evaluation.Figures> evaluation() {
            return Optional.of(new Evaluation.Figures(100, knows, knows, 0.72, 1, knows, 0.01));
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    private static final class Registry implements ModelRegistry {
        final Map<String, ModelVersion> versions = new HashMap<>();
        final List<Event> events = new ArrayList<>();

        @Override
        public List<ModelVersion> all() {
            return versions.values().stream().sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
        }

        @Override
        public Optional<ModelVersion> find(String version) {
            return Optional.ofNullable(versions.get(version));
        }

        @Override
        public void save(ModelVersion version) {
            versions.put(version.version(), version);
        }

        @Override
        public void record(String version, String type, String detail, Instant at) {
            events.addFirst(new Event(version, type, detail, at));
        }

        @Override
        public List<Event> events(int limit) {
            return events.stream().limit(limit).toList();
        }

        List<String> types() {
            return events.reversed().stream().map(e -> e.version() + ":" + e.type()).toList();
        }
    }

    private final MutableClock clock = new MutableClock();
    private final Registry registry = new Registry();
    private final Map<String, LiveFigures> figures = new HashMap<>();
    private final Map<String, TextClassifier> archived = new HashMap<>();
    private final List<ModelRegistry.Event> notified = new ArrayList<>();
    private final AtomicInteger trainings = new AtomicInteger();
    private TextClassifier nextCandidate;
    private GuardedClassifier serving;
    private LearningLoop loop;
    private final dev.switchboard.backbone.Leases leases = dev.switchboard.backbone.Leases.inMemory();

    private static List<LabeledText> resolvedTickets() {
        List<LabeledText> tickets = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            tickets.add(new LabeledText(LABELS.get(i % 3) + "#" + i, LABELS.get(i % 3)));
        }
        return tickets;
    }

    @BeforeEach
    void aLoopServingAModerateModel() {
        serving = new GuardedClassifier(Optional.of(new Model("v1", 0.80)), Duration.ofSeconds(1), Duration.ofSeconds(30), clock);
        properties = new LearningProperties("-", 0.01, List.of(5, 25, 100),
                List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24)), 2, 200, 0.25, Duration.ofHours(24), 200,
                Duration.ofHours(24), 0.2, 200_000, 200, java.nio.file.Path.of("unused"), "", List.of("text"), "category",
                Duration.ofMinutes(1));
        loop = newLoop("node-a", serving, Runnable::run);
        loop.start();
    }

    private LearningProperties properties;

    /** A loop on one node, sharing the registry, the leases and the model archive with the others. */
    private LearningLoop newLoop(String node, GuardedClassifier on, java.util.concurrent.Executor training) {
        return new LearningLoop(registry, (version, since) -> figures.getOrDefault(version, LiveFigures.NONE),
                limit -> resolvedTickets(), new ModelArchive() {
                    @Override
                    public void save(TextClassifier model) {
                        archived.put(model.version(), model);
                    }

                    @Override
                    public TextClassifier load(String version) {
                        return archived.get(version);
                    }
                }, (examples, progress) -> {
                    trainings.incrementAndGet();
                    return nextCandidate;
                }, on, properties, 0.72, List::of, training, clock, notified::add, leases, node);
    }

    private int shareOf(String version) {
        return shareOf(version, serving);
    }

    private static int shareOf(String version, GuardedClassifier serving) {
        int served = 0;
        for (int i = 0; i < 2_000; i++) {
            var prediction = serving.classify(Tickets.newId(), "bug#1");
            if (prediction.orElseThrow().modelVersion().equals(version)) {
                served++;
            }
        }
        return Math.round(served / 20f);
    }

    @Test
    void aCandidateWorseThanTheCurrentModelIsNeverServed() {
        nextCandidate = new Model("v2", 0.40);

        loop.retrain();
        clock.pass(Duration.ofDays(2));
        loop.tick();

        assertThat(registry.find("v2").orElseThrow().status()).isEqualTo(ModelStatus.REJECTED);
        assertThat(registry.types()).containsExactly("v1:imported", "v2:rejected");
        assertThat(serving.serving().candidate()).isEmpty();
        assertThat(shareOf("v2")).isZero();
        assertThatThrownBy(() -> loop.promote("v2")).hasMessageContaining("did not pass the evaluation gate");
    }

    @Test
    void aBetterCanaryGoesFromFiveToTwentyFiveToAllTicketsAndBecomesCurrent() {
        nextCandidate = new Model("v2", 0.95);
        loop.retrain();
        assertThat(registry.find("v2").orElseThrow().status()).isEqualTo(ModelStatus.CANARY);
        assertThat(shareOf("v2")).isBetween(2, 9);

        figures.put("v1", new LiveFigures(5_000, 250, 100)); // 5 % misrouted
        figures.put("v2", new LiveFigures(300, 15, 5));      // 5 % too
        clock.pass(Duration.ofMinutes(59));
        loop.tick();
        assertThat(registry.find("v2").orElseThrow().sharePercent()).as("an hour at 5 %").isEqualTo(5);
        clock.pass(Duration.ofMinutes(1));
        loop.tick();
        assertThat(registry.find("v2").orElseThrow().sharePercent()).isEqualTo(25);
        assertThat(shareOf("v2")).isBetween(20, 30);
        clock.pass(Duration.ofHours(4));
        loop.tick();
        assertThat(registry.find("v2").orElseThrow().sharePercent()).isEqualTo(100);
        clock.pass(Duration.ofHours(24));
        loop.tick();

        assertThat(registry.find("v2").orElseThrow().status()).isEqualTo(ModelStatus.CURRENT);
        assertThat(registry.find("v1").orElseThrow().status()).isEqualTo(ModelStatus.RETIRED);
        assertThat(shareOf("v2")).isEqualTo(100);
        assertThat(registry.types()).containsExactly("v1:imported", "v2:canary_started", "v2:canary_advanced",
                "v2:canary_advanced", "v2:promoted");
    }

    @Test
    void aCanaryThatMisroutesMoreIsRolledBackByItselfAndSaysSo() {
        nextCandidate = new Model("v2", 0.95);
        loop.retrain();
        figures.put("v1", new LiveFigures(5_000, 200, 100)); // 4 %
        figures.put("v2", new LiveFigures(150, 30, 5));      // 20 %, but too few tickets to judge yet
        clock.pass(Duration.ofMinutes(10));
        loop.tick();
        assertThat(registry.find("v2").orElseThrow().status()).isEqualTo(ModelStatus.CANARY);

        figures.put("v2", new LiveFigures(300, 21, 5));      // 7 %: 3 points worse, over the 2 allowed
        clock.pass(Duration.ofMinutes(10));
        loop.tick();

        assertThat(registry.find("v2").orElseThrow().status()).isEqualTo(ModelStatus.ROLLED_BACK);
        assertThat(serving.serving().candidate()).isEmpty();
        assertThat(shareOf("v1")).isEqualTo(100);
        assertThat(notified).extracting(ModelRegistry.Event::type).contains("rolled_back");
        assertThat(registry.events.getFirst().detail()).contains("7.00 %").contains("4.00 %");
    }

    @Test
    void driftAboveAQuarterStartsOneRetrainPerCoolDown() {
        nextCandidate = new Model("v2", 0.40); // rejected: no canary stands in the way of the next drift retrain
        figures.put("v1", new LiveFigures(1_000, 40, 240)); // 24 %: not drift
        loop.tick();
        assertThat(trainings).hasValue(0);

        figures.put("v1", new LiveFigures(1_000, 40, 300)); // 30 %
        loop.tick();
        clock.pass(Duration.ofHours(1));
        loop.tick();
        assertThat(trainings).as("one retrain within the cool-down").hasValue(1);
        assertThat(registry.types()).contains("v1:drift");
        assertThat(loop.job().orElseThrow().trigger()).isEqualTo("drift");

        clock.pass(Duration.ofHours(24));
        loop.tick();
        assertThat(trainings).hasValue(2);
    }

    @Test
    void noRetrainWhileACanaryIsRolledOut() {
        nextCandidate = new Model("v2", 0.95);
        loop.retrain();
        assertThatThrownBy(loop::retrain).isInstanceOf(LearningLoop.Busy.class).hasMessageContaining("v2");
        loop.rollBack("v2");
        nextCandidate = new Model("v3", 0.95);
        assertThat(loop.retrain().trigger()).isEqualTo("manual");
    }

    /**
     * Two nodes: one leads (it holds the lease, renewed every tick) and makes the loop's decisions; both
     * serve what the registry says; when the leader stops ticking, the other takes the lead.
     */
    @Test
    void withTwoNodesOneDecidesBothServeAndTheOtherTakesOverWhenTheLeaderStops() {
        GuardedClassifier servingB = new GuardedClassifier(Optional.of(new Model("v1", 0.80)), Duration.ofSeconds(1),
                Duration.ofSeconds(30), clock);
        LearningLoop nodeB = newLoop("node-b", servingB, Runnable::run);
        nodeB.start();
        loop.tick(); // node a leads
        nextCandidate = new Model("v2", 0.95);
        nodeB.retrain(); // an admin's request reached node b
        assertThat(shareOf("v2", servingB)).isBetween(2, 9);
        loop.tick();
        assertThat(shareOf("v2")).as("node a serves what node b decided").isBetween(2, 9);

        figures.put("v1", new LiveFigures(5_000, 250, 100));
        figures.put("v2", new LiveFigures(300, 15, 5));
        clock.pass(Duration.ofMinutes(59));
        loop.tick(); // renews node a's lease
        clock.pass(Duration.ofMinutes(1));
        nodeB.tick();
        assertThat(registry.find("v2").orElseThrow().sharePercent()).as("node b does not lead").isEqualTo(5);
        loop.tick();
        assertThat(registry.find("v2").orElseThrow().sharePercent()).isEqualTo(25);
        nodeB.tick();
        assertThat(shareOf("v2", servingB)).isBetween(20, 30);

        clock.pass(Duration.ofHours(4)); // node a has not renewed its lease for longer than three ticks
        nodeB.tick();
        assertThat(registry.find("v2").orElseThrow().sharePercent()).as("node b took the lead").isEqualTo(100);
        assertThat(registry.types()).containsOnlyOnce("v2:canary_started");
    }

    /** While one node trains, an admin's retrain on another node is refused, naming the node that trains. */
    @Test
    void twoNodesNeverTrainAtOnce() {
        List<Runnable> queued = new ArrayList<>();
        LearningLoop nodeB = newLoop("node-b", new GuardedClassifier(Optional.of(new Model("v1", 0.80)), Duration.ofSeconds(1),
                Duration.ofSeconds(30), clock), queued::add);
        nodeB.start();
        nextCandidate = new Model("v2", 0.40);
        nodeB.retrain(); // queued on node b's training thread: it has not ended yet

        assertThatThrownBy(loop::retrain).isInstanceOf(LearningLoop.Busy.class).hasMessageContaining("node-b");
        queued.forEach(Runnable::run); // node b's training ends (rejected) and gives its lease up
        nextCandidate = new Model("v3", 0.40);
        assertThat(loop.retrain().trigger()).isEqualTo("manual");
    }
}
