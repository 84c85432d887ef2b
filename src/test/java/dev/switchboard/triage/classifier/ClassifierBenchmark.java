package dev.switchboard.triage.classifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.switchboard.support.SyntheticTickets;
import dev.switchboard.triage.Prediction;

/**
 * Classifier inference on one thread (one core): texts in, calibrated predictions out. Topology: a
 * model trained at setup, then {@code classify} over a rotating list of held-out texts, so the JIT
 * cannot specialise on one input. With {@code -Ddata=banking77.csv} it trains on BANKING77 (77
 * classes, the realistic case); without, on the project's synthetic tickets (5 classes).
 * Features: {@code words} (the plain TF-IDF baseline) or {@code words+chars} (the default model).
 *
 * <p>Run: {@code scripts/jmh.sh ClassifierBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class ClassifierBenchmark {

    @Param({"words+chars", "words"})
    public String features;

    private LinearTextClassifier model;
    private String[] texts;
    private int next;

    @Setup
    public void train() {
        List<LabeledText> examples = examples();
        Split<LabeledText> split = Split.stratified(examples, 0.2, 13);
        var options = ClassifierTrainer.Options.defaults().withFeatures(
                features.equals("words") ? TextFeatures.Kind.WORDS : TextFeatures.Kind.WORDS_AND_CHARS);
        model = new ClassifierTrainer(Clock.systemUTC()).train(split.train(), "bench", options, line -> { });
        texts = split.heldOut().stream().map(LabeledText::text).toArray(String[]::new);
    }

    @Benchmark
    public void classify(Blackhole hole) {
        Prediction prediction = model.classify(texts[next]);
        next = next + 1 == texts.length ? 0 : next + 1;
        hole.consume(prediction);
    }

    private static List<LabeledText> examples() {
        String data = System.getProperty("data");
        if (data != null && Files.exists(Path.of(data))) {
            return LabeledTexts.read(Path.of(data), List.of(System.getProperty("text-columns", "text").split(",")),
                    System.getProperty("label-column", "category")).examples();
        }
        return SyntheticTickets.generate(400, 7);
    }
}
