package dev.switchboard.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One routing decision: which of a team's agents gets a ticket, and why. Every member is scored
 * (skill match, region match and idleness, weighted by {@link RoutingWeights}); the best eligible one
 * wins, ties going to the least loaded, then to the one assigned least recently; the explanation lists
 * the chosen one and the next best with their factors and why each was passed over. Pure: it reads the
 * {@link Router}'s agents and changes nothing.
 */
final class Decision {

    /** Candidates listed by name in a decision's explanation; the rest are counted by reason. */
    static final int EXPLAINED = 5;

    private Decision() {
    }

    /**
     * The best eligible agent for the ticket, with the explanation: the chosen one and the next best by
     * score, {@link #EXPLAINED} in all, each with their factors and why they were passed over; the rest
     * counted by reason. A team of 500 explains each decision in a few lines, not 500.
     *
     * @param missed the agents who let this ticket's offer run out: passed over while another member could
     *               take it (online, available, a capacity above 0, room now or later), and eligible again once
     *               none could, so that the ticket is not left waiting for nobody while newer ones go out
     * @param declined the agents who handed it back: always passed over
     */
    static Optional<Assignment> choose(WaitingTicket ticket, List<Slot> members, Set<String> missed, Set<String> declined,
                                       RoutingWeights weights) {
        Set<String> stillMissed = missed.isEmpty() || anotherCouldTakeIt(members, missed, declined) ? missed : Set.of();
        int n = members.size();
        double[] skills = new double[n];
        double[] regions = new double[n];
        double[] idleness = new double[n];
        double[] scores = new double[n];
        String[] passed = new String[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            Slot slot = members.get(i);
            AgentState agent = slot.state;
            skills[i] = agent.skills().contains(ticket.category()) ? 1 : 0;
            regions[i] = !ticket.region().isEmpty() && agent.region().equalsIgnoreCase(ticket.region()) ? 1 : 0;
            idleness[i] = agent.capacity() == 0 ? 0 : 1 - (double) slot.held.size() / agent.capacity();
            scores[i] = weights.skill() * skills[i] + weights.region() * regions[i] + weights.idle() * idleness[i];
            passed[i] = passedOver(slot, stillMissed, declined);
            if (passed[i].isEmpty() && (best < 0 || better(slot, scores[i], members.get(best), scores[best]))) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        double bestScore = scores[best];
        boolean[] eligible = new boolean[n];
        for (int i = 0; i < n; i++) {
            eligible[i] = passed[i].isEmpty();
            if (eligible[i] && i != best) {
                passed[i] = scores[i] < bestScore ? "lower score" : "tie lost: more load, or assigned more recently";
            }
        }
        // Listed: the chosen one, then the others best score first (eligible before passed-over on a tie);
        // a few linear passes, since only a handful are listed however big the team.
        int chosen = best;
        boolean[] listed = new boolean[n];
        List<Assignment.Candidate> explained = new ArrayList<>(Math.min(n, EXPLAINED));
        for (int next = chosen; next >= 0 && explained.size() < EXPLAINED; ) {
            listed[next] = true;
            Slot slot = members.get(next);
            explained.add(new Assignment.Candidate(slot.state.id(), skills[next], regions[next], idleness[next], scores[next],
                    slot.held.size(), next == chosen ? "" : passed[next]));
            next = -1;
            for (int i = 0; i < n; i++) {
                if (!listed[i] && (next < 0 || ahead(i, next, scores, eligible, members))) {
                    next = i;
                }
            }
        }
        Map<String, Integer> others = n <= EXPLAINED ? Map.of() : new java.util.TreeMap<>();
        for (int i = 0; i < n && n > EXPLAINED; i++) {
            if (!listed[i]) {
                others.merge(reasonKind(passed[i]), 1, Integer::sum);
            }
        }
        return Optional.of(new Assignment(ticket, members.get(chosen).state.id(), explained, others));
    }

    /** Whether candidate {@code i} is listed before {@code j}: higher score, then eligible, then by id. */
    private static boolean ahead(int i, int j, double[] scores, boolean[] eligible, List<Slot> members) {
        if (scores[i] != scores[j]) {
            return scores[i] > scores[j];
        }
        if (eligible[i] != eligible[j]) {
            return eligible[i];
        }
        return members.get(i).state.id().compareTo(members.get(j).state.id()) < 0;
    }

    /** A reason without the particulars ("at capacity 3/3" is "at capacity"), for counting. */
    private static String reasonKind(String reason) {
        if (reason.startsWith("at capacity")) {
            return "at capacity";
        }
        if (reason.startsWith("tie lost")) {
            return "tie lost";
        }
        return reason;
    }

    private static boolean better(Slot slot, double score, Slot best, double bestScore) {
        if (score != bestScore) {
            return score > bestScore;
        }
        if (slot.held.size() != best.held.size()) {
            return slot.held.size() < best.held.size();
        }
        if (slot.lastAssigned != best.lastAssigned) {
            return slot.lastAssigned < best.lastAssigned;
        }
        return slot.state.id().compareTo(best.state.id()) < 0;
    }

    /** Whether a member who neither missed nor declined the ticket receives work: they may take it, now or once they have room. */
    private static boolean anotherCouldTakeIt(List<Slot> members, Set<String> missed, Set<String> declined) {
        for (Slot slot : members) {
            AgentState agent = slot.state;
            if (agent.isReceiving() && agent.capacity() > 0 && !missed.contains(agent.id()) && !declined.contains(agent.id())) {
                return true;
            }
        }
        return false;
    }

    private static String passedOver(Slot slot, Set<String> missed, Set<String> declined) {
        AgentState agent = slot.state;
        if (agent.presence() != Presence.ONLINE) {
            return agent.presence().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!agent.available()) {
            return "unavailable";
        }
        if (!slot.hasRoom()) {
            return "at capacity " + slot.held.size() + "/" + agent.capacity();
        }
        if (declined.contains(agent.id())) {
            return "handed this ticket back";
        }
        if (missed.contains(agent.id())) {
            return "let this ticket's offer run out";
        }
        return "";
    }
}
