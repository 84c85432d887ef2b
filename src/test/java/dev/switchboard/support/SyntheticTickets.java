package dev.switchboard.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.switchboard.triage.classifier.LabeledText;

/**
 * Labeled ticket texts the project makes itself, so that classifier tests pass on a fresh machine:
 * each category has its own phrases, mixed with words every category shares. One text in eight
 * carries no phrase at all, only shared words, as real tickets sometimes say nothing useful; a
 * calibrated model must be unsure about those.
 */
public final class SyntheticTickets {

    public static final Map<String, List<String>> PHRASES = Map.of(
            "billing", List.of("refund my payment", "charged twice on my card", "invoice is wrong", "cancel my subscription fee",
                    "billing amount incorrect", "need a receipt for the charge"),
            "outage", List.of("site is down", "cannot reach the service", "error 503 everywhere", "everything is offline",
                    "the dashboard does not load at all", "servers not responding"),
            "bug", List.of("button does nothing when clicked", "export crashes with an exception", "wrong totals in the report",
                    "the app freezes on save", "search returns broken results", "page shows a stack trace"),
            "feature_request", List.of("would love a dark mode", "please add an export to excel", "could you support sso",
                    "suggest adding keyboard shortcuts", "it would be great to have an api for this", "wish there was a calendar view"),
            "general_inquiry", List.of("what are your opening hours", "how do i change my email address", "where can i find the docs",
                    "question about your plans", "who should i talk to about a partnership", "do you have an office in berlin"));

    private static final List<String> SHARED = List.of("hello", "please", "thanks", "team", "today", "account", "my", "the",
            "again", "asap", "regards", "hi", "we", "since", "morning");

    private SyntheticTickets() {
    }

    public static List<LabeledText> generate(int perCategory, long seed) {
        Random random = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        List<String> categories = PHRASES.keySet().stream().sorted().toList();
        for (int i = 0; i < perCategory; i++) {
            for (String category : categories) {
                List<String> phrases = PHRASES.get(category);
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 3; w++) {
                    text.append(SHARED.get(random.nextInt(SHARED.size()))).append(' ');
                }
                if (random.nextInt(8) > 0) {
                    text.append(phrases.get(random.nextInt(phrases.size())));
                } else {
                    text.append(SHARED.get(random.nextInt(SHARED.size())));
                }
                for (int w = 0; w < 3; w++) {
                    text.append(' ').append(SHARED.get(random.nextInt(SHARED.size())));
                }
                out.add(new LabeledText(text.toString(), category));
            }
        }
        return out;
    }
}
