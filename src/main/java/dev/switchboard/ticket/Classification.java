package dev.switchboard.ticket;

import java.util.List;
import java.util.Objects;

/**
 * What triage decided about a ticket, and who decided it.
 *
 * @param confidence       the classifier's calibrated probability; 1 for a rule, 0 for the default pool
 * @param needsHumanReview the classifier was not sure enough: a person should check the category
 * @param decidedBy        {@code rule:<name>}, {@code model:<version>}, {@code fallback:<rule name>} or {@code default}
 */
public record Classification(String category, String team, double confidence, boolean needsHumanReview,
                             String decidedBy, List<String> tags) {

    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(decidedBy, "decidedBy");
        tags = List.copyOf(tags);
    }
}
