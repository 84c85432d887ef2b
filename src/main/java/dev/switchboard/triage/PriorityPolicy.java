package dev.switchboard.triage;

import java.util.Map;
import java.util.Optional;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;

/**
 * A ticket's priority: the one a rule set, or else the one of its category (billing and outage P1,
 * bug P2, feature request and general inquiry P3 by default; configurable), moved one step up for
 * clearly negative or urgent wording and one step down for clearly positive wording. A rule's priority
 * is policy and is not moved. A phone call is P1 whatever else is said.
 */
public final class PriorityPolicy {

    private final Map<String, Priority> byCategory;
    private final Priority otherwise;

    public PriorityPolicy(Map<String, Priority> byCategory, Priority otherwise) {
        this.byCategory = Map.copyOf(byCategory);
        this.otherwise = otherwise;
    }

    public Priority priority(String category, Tone tone, Channel channel, Optional<Priority> fromRule) {
        if (channel == Channel.PHONE) {
            return Priority.P1;
        }
        if (fromRule.isPresent()) {
            return fromRule.get();
        }
        Priority base = byCategory.getOrDefault(category, otherwise);
        return switch (tone) {
            case NEGATIVE -> base.raised();
            case POSITIVE -> base.lowered();
            case NEUTRAL -> base;
        };
    }
}
