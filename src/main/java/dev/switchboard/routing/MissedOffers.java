package dev.switchboard.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * The offers each agent let run out since their last acknowledgement, and when that many in a row means
 * they are away ({@code switchboard.routing.away-after-missed-offers}; 0: never). Routing thread only.
 */
final class MissedOffers {

    private final int limit;
    private final Map<String, Integer> inARow = new HashMap<>();

    MissedOffers(int limit) {
        this.limit = limit;
    }

    /**
     * Counts one more offer the agent let run out; true when it makes the limit in a row and they are
     * still available (the count starts again from there).
     */
    boolean missedOneMore(String agentId, boolean available) {
        int missed = inARow.merge(agentId, 1, Integer::sum);
        if (limit == 0 || missed < limit || !available) {
            return false;
        }
        inARow.remove(agentId);
        return true;
    }

    /** The agent acknowledged an offer: they are there. */
    void acknowledged(String agentId) {
        inARow.remove(agentId);
    }

    void clear() {
        inARow.clear();
    }

    /** Why an agent was taken to be away, for them and the log. */
    String reason() {
        return limit + " offers in a row ran out without an acknowledgement";
    }
}
