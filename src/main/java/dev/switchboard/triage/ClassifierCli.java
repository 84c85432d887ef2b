package dev.switchboard.triage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.triage.classifier.ClassifierTrainer;
import dev.switchboard.triage.classifier.Evaluation;
import dev.switchboard.triage.classifier.LabeledText;
import dev.switchboard.triage.classifier.LabeledTexts;
import dev.switchboard.triage.classifier.LinearTextClassifier;
import dev.switchboard.triage.classifier.ModelFiles;
import dev.switchboard.triage.classifier.Split;
import dev.switchboard.triage.classifier.TextFeatures;
import tools.jackson.databind.json.JsonMapper;

/**
 * The classifier's command line, in the server's jar:
 * <pre>
 * java -jar switchboard.jar train --data FILE --text-columns subject,body --label-column LABEL --out MODEL
 *     [--holdout 0.2 --seed 13] [--features words|words+chars] [--c 0.5] [--min-df 2] [--min-label-count 1]
 * java -jar switchboard.jar train --database JDBC_URL [--database-user U --database-password P] --out MODEL [...]
 * java -jar switchboard.jar evaluate --model MODEL --data FILE --text-columns ... --label-column ...
 *     [--holdout 0.2 --seed 13] [--threshold 0.72] [--json]
 * java -jar switchboard.jar draft-rules --data FILE --text-columns ... --label-column ... --out RULES.yml
 *     [--holdout 0.2 --seed 13] [--words 8] [--min-precision 0.6] [--min-tickets 3]
 * </pre>
 * With {@code --holdout}, {@code train} learns from the rest of the file and stores its figures on the
 * held-out part in the model, and {@code evaluate} reads only the held-out part: the same stratified
 * split for the same file, fraction and seed.
 */
public final class ClassifierCli {

    public static final Set<String> COMMANDS = Set.of("train", "evaluate", "draft-rules");
    private static final Set<String> FLAGS = Set.of("json");

    private final PrintStream out;
    private final PrintStream err;

    public ClassifierCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs a command; returns the process exit code. */
    public int run(String... args) {
        try {
            Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
            return switch (args[0]) {
                case "train" -> train(options);
                case "evaluate" -> evaluate(options);
                case "draft-rules" -> draftRules(options);
                default -> throw new IllegalArgumentException("unknown command " + args[0] + "; use train, evaluate or draft-rules");
            };
        } catch (IllegalArgumentException | java.io.UncheckedIOException bad) {
            err.println("error: " + bad.getMessage());
            return 2;
        }
    }

    private int train(Map<String, String> o) {
        List<LabeledText> examples = read(o);
        int minCount = Integer.parseInt(o.getOrDefault("min-label-count", "1"));
        examples = withFrequentLabels(examples, minCount);
        List<LabeledText> heldOut = List.of();
        if (o.containsKey("holdout")) {
            Split<LabeledText> split = Split.stratified(examples, Double.parseDouble(o.get("holdout")), seed(o));
            examples = split.train();
            heldOut = split.heldOut();
            err.println("[train] " + examples.size() + " for training, " + heldOut.size() + " held out");
        }
        ClassifierTrainer.Options options = ClassifierTrainer.Options.defaults()
                .withFeatures(switch (o.getOrDefault("features", "words+chars")) {
                    case "words" -> TextFeatures.Kind.WORDS;
                    case "words+chars" -> TextFeatures.Kind.WORDS_AND_CHARS;
                    default -> throw new IllegalArgumentException("--features is words or words+chars");
                })
                .withC(Double.parseDouble(o.getOrDefault("c", "0.5")))
                .withMinDocuments(Integer.parseInt(o.getOrDefault("min-df", "2")));
        String source = o.containsKey("database") ? "database" : Path.of(required(o, "data")).getFileName().toString();
        LinearTextClassifier model = new ClassifierTrainer(Clock.systemUTC())
                .train(examples, source, options, line -> err.println("[train] " + line));
        if (!heldOut.isEmpty()) {
            double threshold = Double.parseDouble(o.getOrDefault("threshold", "0.72"));
            Evaluation.Report report = Evaluation.of(model::classify, heldOut, threshold);
            model = model.withEvaluation(report.figures());
            printFigures(report.figures());
        }
        Path target = Path.of(required(o, "out"));
        ModelFiles.save(model, target);
        err.println("[train] saved model " + model.version() + " to " + target);
        return 0;
    }

    /**
     * Drafts keyword rules from labeled tickets (with {@code --holdout}, from the training part only) and,
     * given a held-out part, says how rules alone would do on it: the share they decide and are right on.
     */
    private int draftRules(Map<String, String> o) {
        List<LabeledText> examples = read(o);
        List<LabeledText> heldOut = List.of();
        if (o.containsKey("holdout")) {
            Split<LabeledText> split = Split.stratified(examples, Double.parseDouble(o.get("holdout")), seed(o));
            examples = split.train();
            heldOut = split.heldOut();
        }
        RuleDrafter drafter = new RuleDrafter(Integer.parseInt(o.getOrDefault("words", "8")),
                Double.parseDouble(o.getOrDefault("min-precision", "0.6")), Integer.parseInt(o.getOrDefault("min-tickets", "3")));
        List<RuleDrafter.Draft> drafts = drafter.draft(examples);
        String yaml = RuleDrafter.yaml(drafts, Path.of(required(o, "data")).getFileName().toString());
        dev.switchboard.triage.rules.RuleSet rules = dev.switchboard.triage.rules.RuleSetParser.parse(yaml); // as the server will
        Path target = Path.of(required(o, "out"));
        try {
            java.nio.file.Files.writeString(target, yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        err.println("[draft-rules] " + drafts.size() + " rules from " + examples.size() + " tickets, written to " + target);
        if (!heldOut.isEmpty()) {
            int decided = 0;
            int right = 0;
            for (LabeledText t : heldOut) {
                var ticket = dev.switchboard.ticket.Ticket.received(new dev.switchboard.ticket.TicketId("01M8Q0000000000000000000AA"),
                        dev.switchboard.ticket.Channel.API, dev.switchboard.ticket.Customer.of("c", "", "", "", ""), "", t.text(),
                        List.of(), Map.of(), java.util.Optional.empty(), java.time.Instant.EPOCH);
                var rule = rules.firstFallback(ticket);
                if (rule.isPresent()) {
                    decided++;
                    if (rule.get().action().category().filter(t.label()::equals).isPresent()) {
                        right++;
                    }
                }
            }
            out.printf("rules alone on %d held-out tickets: decide %.1f %%, right on %.1f %% of all (%.1f %% of those they decide)%n",
                    heldOut.size(), 100.0 * decided / heldOut.size(), 100.0 * right / heldOut.size(),
                    decided == 0 ? 0 : 100.0 * right / decided);
        }
        return 0;
    }

    private int evaluate(Map<String, String> o) {
        LinearTextClassifier model = ModelFiles.load(Path.of(required(o, "model")));
        List<LabeledText> examples = read(o);
        if (o.containsKey("holdout")) {
            examples = Split.stratified(examples, Double.parseDouble(o.get("holdout")), seed(o)).heldOut();
        }
        double threshold = Double.parseDouble(o.getOrDefault("threshold", "0.72"));
        Evaluation.Report report = Evaluation.of(model::classify, examples, threshold);
        if (o.containsKey("json")) {
            Evaluation.Figures f = report.figures();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model_version", model.version());
            json.put("examples", f.examples());
            json.put("threshold", f.threshold());
            json.put("accuracy", f.accuracy());
            json.put("macro_f1", f.macroF1());
            json.put("coverage_at_threshold", f.coverageAtThreshold());
            json.put("accuracy_at_threshold", f.accuracyAtThreshold());
            json.put("ece", f.ece());
            out.println(JsonMapper.builder().build().writeValueAsString(json));
        } else {
            out.println("model " + model.version() + " on " + report.figures().examples() + " examples");
            printFigures(report.figures());
            printClasses(report);
            printConfusion(report);
        }
        return 0;
    }

    private List<LabeledText> read(Map<String, String> o) {
        if (o.containsKey("database")) {
            List<LabeledText> resolved = LabeledTexts.fromDatabase(o.get("database"), o.getOrDefault("database-user", ""),
                    o.getOrDefault("database-password", "")).examples();
            err.println("read " + resolved.size() + " resolved tickets from the database");
            return resolved;
        }
        Path data = Path.of(required(o, "data"));
        LabeledTexts.Loaded loaded = LabeledTexts.read(data, List.of(required(o, "text-columns").split(",")),
                required(o, "label-column"));
        if (loaded.skipped() > 0) {
            err.println("skipped " + loaded.skipped() + " rows without text or label");
        }
        return loaded.examples();
    }

    private List<LabeledText> withFrequentLabels(List<LabeledText> examples, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        examples.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
        List<String> rare = counts.entrySet().stream().filter(e -> e.getValue() < minCount).map(Map.Entry::getKey).sorted().toList();
        if (rare.isEmpty()) {
            return examples;
        }
        err.println("[train] leaving out labels with fewer than " + minCount + " examples: " + rare);
        return examples.stream().filter(e -> counts.get(e.label()) >= minCount).toList();
    }

    private void printFigures(Evaluation.Figures f) {
        out.printf("accuracy %.4f  macro-F1 %.4f  ECE %.4f%n", f.accuracy(), f.macroF1(), f.ece());
        out.printf("at threshold %.2f: coverage %.4f, accuracy %.4f%n", f.threshold(), f.coverageAtThreshold(),
                f.accuracyAtThreshold());
    }

    private void printClasses(Evaluation.Report report) {
        int width = Math.max(5, report.labels().stream().mapToInt(String::length).max().orElse(5));
        out.printf("%n%-" + width + "s %8s %9s %7s %7s%n", "label", "support", "precision", "recall", "F1");
        for (Evaluation.ClassFigures c : report.perClass()) {
            out.printf("%-" + width + "s %8d %9.3f %7.3f %7.3f%n", c.label(), c.support(), c.precision(), c.recall(), c.f1());
        }
    }

    /** The whole matrix when it fits a terminal; otherwise the most frequent confusions. */
    private void printConfusion(Evaluation.Report report) {
        List<String> labels = report.labels();
        int[][] m = report.confusion();
        if (labels.size() <= 15) {
            int width = Math.max(6, labels.stream().mapToInt(String::length).max().orElse(6));
            out.printf("%nconfusion (rows: true, columns: predicted)%n%-" + width + "s", "");
            labels.forEach(l -> out.printf(" %" + width + "s", l));
            out.println();
            for (int i = 0; i < labels.size(); i++) {
                out.printf("%-" + width + "s", labels.get(i));
                for (int j = 0; j < labels.size(); j++) {
                    out.printf(" %" + width + "d", m[i][j]);
                }
                out.println();
            }
            return;
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                if (i != j && m[i][j] > 0) {
                    pairs.add(new int[] {i, j, m[i][j]});
                }
            }
        }
        pairs.sort(Comparator.comparingInt((int[] p) -> p[2]).reversed());
        out.printf("%nmost frequent confusions (true -> predicted: count), of %d labels%n", labels.size());
        pairs.stream().limit(20).forEach(p -> out.printf("%s -> %s: %d%n", labels.get(p[0]), labels.get(p[1]), p[2]));
    }

    private static long seed(Map<String, String> o) {
        return Long.parseLong(o.getOrDefault("seed", "13"));
    }

    private static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, found " + args[i]);
            }
            String name = args[i].substring(2);
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }
}
