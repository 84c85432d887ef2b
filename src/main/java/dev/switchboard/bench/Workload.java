package dev.switchboard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import dev.switchboard.triage.classifier.LabeledText;
import dev.switchboard.triage.classifier.LabeledTexts;
import dev.switchboard.triage.classifier.Split;

/**
 * The tickets a run sends, with their ground-truth categories: a labeled file, or the built-in
 * generator. A run longer than the workload goes round it again (each ticket from a new customer, so
 * none is merged as a duplicate).
 */
record Workload(String source, List<LabeledText> samples) {

    /** The customers' regions, dealt round; agents get theirs the same way. */
    static final List<String> REGIONS = List.of("eu", "us", "apac");
    private static final List<String> CHANNELS = List.of("web_form", "email", "chat", "api");

    Workload {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the workload " + source + " has no tickets");
        }
        samples = List.copyOf(samples);
    }

    LabeledText get(long seq) {
        return samples.get((int) (seq % samples.size()));
    }

    /**
     * Ticket {@code seq} as the customers post it: a customer of its own ({@code <prefix><seq>}, so no
     * ticket is merged as a duplicate), the regions and channels dealt round, the labeled text.
     */
    Map<String, Object> ticket(int seq, String customerPrefix) {
        LabeledText sample = get(seq);
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerPrefix + seq);
        customer.put("name", "Bench customer " + seq);
        customer.put("email", customerPrefix + seq + "@example.com");
        customer.put("region", REGIONS.get(seq % REGIONS.size()));
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("channel", CHANNELS.get(seq % CHANNELS.size()));
        ticket.put("customer", customer);
        // The text splits into a subject (its first words; e-mail needs one) and a body, so that the two
        // together are the labeled text, word for word, as the classifier was trained on it.
        String text = sample.text().strip();
        int cut = text.lastIndexOf(' ', Math.min(60, text.length() / 2));
        ticket.put("subject", cut <= 0 ? text : text.substring(0, cut));
        ticket.put("body", cut <= 0 ? text : text.substring(cut + 1));
        return ticket;
    }

    /** The categories, the most frequent first. */
    List<String> categoriesByFrequency() {
        Map<String, Long> counts = samples.stream().collect(Collectors.groupingBy(LabeledText::label, LinkedHashMap::new,
                Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** Each category's share of the tickets. */
    Map<String, Double> shares() {
        return samples.stream().collect(Collectors.groupingBy(LabeledText::label,
                Collectors.collectingAndThen(Collectors.counting(), n -> n / (double) samples.size())));
    }

    /** A labeled file; with a holdout fraction, only the held-out part of the same split training used. */
    static Workload fromFile(Path file, List<String> textColumns, String labelColumn, java.util.Optional<Double> holdout,
                             long seed) {
        List<LabeledText> examples = LabeledTexts.read(file, textColumns, labelColumn).examples();
        String source = file.toString();
        if (holdout.isPresent()) {
            examples = Split.stratified(examples, holdout.get(), seed).heldOut();
            source += " (held-out " + holdout.get() + ", seed " + seed + ")";
        }
        return new Workload(source, examples);
    }

    /**
     * Made-up tickets in the five default categories, in the mix a small SaaS support desk sees, worded
     * in several ways: most name their problem plainly, some only describe it (a keyword rule misses
     * those; a model trained on the team's tickets catches more).
     */
    static Workload generated(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledText> out = new ArrayList<>(size);
        List<Map.Entry<String, Double>> mix = List.of(Map.entry("general_inquiry", 0.30), Map.entry("bug", 0.25),
                Map.entry("billing", 0.20), Map.entry("feature_request", 0.15), Map.entry("outage", 0.10));
        for (int i = 0; i < size; i++) {
            double r = random.nextDouble();
            String category = mix.getLast().getKey();
            for (Map.Entry<String, Double> e : mix) {
                if ((r -= e.getValue()) < 0) {
                    category = e.getKey();
                    break;
                }
            }
            List<String> templates = TEMPLATES.get(category);
            String text = templates.get(random.nextInt(templates.size()))
                    .replace("{product}", pick(random, PRODUCTS))
                    .replace("{when}", pick(random, WHEN))
                    .replace("{amount}", String.valueOf(5 + random.nextInt(995)));
            out.add(new LabeledText(text, category));
        }
        return new Workload("generator (seed " + seed + ")", out);
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static final List<String> PRODUCTS = List.of("the dashboard", "the mobile app", "the reports page", "the API",
            "the export", "the calendar sync", "the checkout", "the admin console");
    private static final List<String> WHEN = List.of("since this morning", "after the last update", "today", "since yesterday",
            "for an hour now", "every time I try");

    private static final Map<String, List<String>> TEMPLATES = Map.of(
            "billing", List.of(
                    "I was charged twice for my subscription this month, please refund {amount} dollars",
                    "The invoice for last month shows the wrong amount, can you send a corrected invoice",
                    "My payment of {amount} failed but the money left my account {when}",
                    "Please cancel my plan and refund the unused months",
                    "Why did the price go up on my card statement, I did not change anything",
                    "Can I get a receipt with our company VAT number on it"),
            "outage", List.of(
                    "{product} is down {when}, nobody in our office can log in",
                    "Everything is unavailable {when}, we get a 503 on every page",
                    "{product} is not loading at all {when}, is there an outage",
                    "Your service went down in the middle of our busiest hour",
                    "Nothing works for the whole team {when}, we are completely stuck"),
            "bug", List.of(
                    "{product} crashes when I open a saved report {when}",
                    "I get an error saying something went wrong when I save a form in {product}",
                    "The date picker in {product} shows the wrong month, it looks broken",
                    "Exported numbers do not match what {product} shows on screen",
                    "Clicking save in {product} does nothing {when}, the changes are lost",
                    "Notifications arrive twice for every comment {when}"),
            "feature_request", List.of(
                    "It would be great if {product} could export to Excel",
                    "Could you add dark mode to {product}, our team works late",
                    "Please add a way to schedule reports every Monday",
                    "We would love single sign-on with our company directory",
                    "Feature idea: let us tag customers and filter {product} by tag"),
            "general_inquiry", List.of(
                    "How do I invite a colleague to our workspace",
                    "Where can I find the settings for email notifications in {product}",
                    "Is there a guide for getting started with {product}",
                    "Can I change the name on my account",
                    "What are your support hours over the holidays",
                    "How do I move my data from the old account to the new one"));
}
