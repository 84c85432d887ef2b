package dev.switchboard.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.triage.classifier.LabeledText;

/**
 * Drafts keyword rules from labeled tickets, as a team would write them by reading its tickets: for each
 * category, the words that mostly appear in its tickets ({@code minPrecision} of the tickets holding the
 * word are of that category, and at least {@code minTickets} of them), the most frequent first, at most
 * {@code wordsPerCategory}. A category's rule matches a ticket holding any of its words; rules are
 * ordered by how often they were right on the tickets they were drafted from (first match wins). The
 * rules are fallback rules: they decide when no model does. A starting point for rule authors, and
 * the fair "rules only" side of the bench's rules-versus-model comparison.
 */
final class RuleDrafter {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']{3,}");
    /** Words too common in any support text to tell a category. */
    private static final Set<String> STOP = Set.of("the", "and", "for", "you", "your", "with", "this", "that", "have", "has",
            "are", "was", "not", "can", "but", "from", "please", "thanks", "thank", "hello", "there", "what", "how", "why",
            "when", "will", "would", "could", "should", "any", "all", "our", "they", "them", "been", "did", "does", "its", "it's",
            "i'm", "i've", "can't", "don't", "just", "still", "also", "get", "got", "one", "some", "need", "want", "help", "hi");

    private final int wordsPerCategory;
    private final double minPrecision;
    private final int minTickets;

    RuleDrafter(int wordsPerCategory, double minPrecision, int minTickets) {
        this.wordsPerCategory = wordsPerCategory;
        this.minPrecision = minPrecision;
        this.minTickets = minTickets;
    }

    /** A drafted rule: a category and the words that say it, with how it did on the tickets it came from. */
    record Draft(String category, List<String> words, int matched, double precision) {
    }

    List<Draft> draft(List<LabeledText> tickets) {
        Map<String, Map<String, Integer>> byWord = new HashMap<>(); // word -> category -> tickets holding it
        for (LabeledText ticket : tickets) {
            for (String word : words(ticket.text())) {
                byWord.computeIfAbsent(word, w -> new HashMap<>()).merge(ticket.label(), 1, Integer::sum);
            }
        }
        Map<String, List<String>> chosen = new HashMap<>();
        byWord.entrySet().stream()
                .map(e -> {
                    int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
                    var best = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
                    return new Object[] {e.getKey(), best.getKey(), best.getValue(), (double) best.getValue() / total};
                })
                .filter(w -> (int) w[2] >= minTickets && (double) w[3] >= minPrecision)
                .sorted(Comparator.comparingInt((Object[] w) -> -(int) w[2]).thenComparing(w -> (String) w[0]))
                .forEach(w -> {
                    List<String> words = chosen.computeIfAbsent((String) w[1], c -> new ArrayList<>());
                    if (words.size() < wordsPerCategory) {
                        words.add((String) w[0]);
                    }
                });
        List<Draft> drafts = new ArrayList<>();
        chosen.forEach((category, words) -> {
            Set<String> set = Set.copyOf(words);
            int matched = 0;
            int right = 0;
            for (LabeledText ticket : tickets) {
                if (words(ticket.text()).stream().anyMatch(set::contains)) {
                    matched++;
                    if (ticket.label().equals(category)) {
                        right++;
                    }
                }
            }
            drafts.add(new Draft(category, List.copyOf(words), matched, matched == 0 ? 0 : (double) right / matched));
        });
        drafts.sort(Comparator.comparingDouble(Draft::precision).reversed().thenComparing(Draft::category));
        return drafts;
    }

    /** The drafts as a rule set in the rules' YAML, ready for {@code PUT /api/v1/triage/rules} or a rules file. */
    static String yaml(List<Draft> drafts, String source) {
        StringBuilder out = new StringBuilder("# Keyword rules drafted from " + source + " by 'draft-rules'.\n"
                + "# Fallback rules: they decide when no model does. Read them before you use them.\n" + "rules:\n");
        Set<String> names = new HashSet<>();
        for (Draft d : drafts) {
            String name = "words-" + d.category().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            while (!names.add(name)) {
                name = name + "-";
            }
            out.append(String.format(Locale.ROOT, "  - name: %s   # %d tickets matched, %.0f %% of them %s%n", name, d.matched(),
                    100 * d.precision(), d.category().replace("\n", " ")));
            out.append("    override: false\n");
            out.append("    when:\n");
            // Words are letters, digits and apostrophes only: nothing in them needs escaping in a regex or in YAML.
            out.append("      text-matches: \"\\\\b(").append(String.join("|", d.words())).append(")\\\\b\"\n");
            out.append("    then:\n");
            out.append("      category: \"").append(d.category().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return out.toString();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (!STOP.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }
}
