package dev.switchboard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which teams a run needs and how many of its agents each gets. */
final class Staffing {

    private Staffing() {
    }

    /** A team the run makes: its categories, their share of the tickets, and its agents. */
    record TeamPlan(String name, List<String> categories, double share, boolean created) {
    }

    /**
     * Makes the teams and finds out how much work each gets. The categories are dealt to new teams, the
     * most frequent first, each to the team with the least share so far; then the server's own triage
     * is asked (a preview, which stores nothing) where a sample of the workload would go. Every team
     * it names is staffed by its share, the generalist team and teams named by rules included (made
     * when missing); an agent's skills are the categories triage sends to their team.
     */
    static List<TeamPlan> plan(Workload workload, BenchOptions options, String run, ServerApi api, String admin,
                                String customerPrefix) throws IOException {
        List<String> categories = workload.categoriesByFrequency();
        Map<String, Double> shares = workload.shares();
        int count = Math.min(categories.size(), options.teams() > 0 ? options.teams() : 5);
        List<List<String>> dealt = new ArrayList<>();
        double[] load = new double[count];
        for (int i = 0; i < count; i++) {
            dealt.add(new ArrayList<>());
        }
        for (String category : categories) {
            int least = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            dealt.get(least).add(category);
            load[least] += shares.get(category);
        }
        Map<String, Boolean> created = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "bench-" + run + "-" + (i + 1);
            ServerApi.Reply reply = api.createTeam(name, dealt.get(i), admin);
            if (!reply.ok()) {
                throw new IllegalStateException("could not create team " + name + ": " + reply.status() + " " + reply.body());
            }
            created.put(name, true);
        }

        int sampleSize = (int) Math.min(1_000, Math.min(workload.samples().size(), options.total()));
        List<Object> sample = new ArrayList<>(sampleSize);
        for (int i = 0; i < sampleSize; i++) {
            long seq = (long) i * workload.samples().size() / sampleSize;
            sample.add(workload.ticket((int) seq, customerPrefix));
        }
        ServerApi.Reply preview = api.previewTriage(sample, admin);
        if (!preview.ok()) {
            throw new IllegalStateException("could not preview triage: " + preview.status() + " " + preview.body());
        }
        Map<String, Integer> perTeam = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> skills = new LinkedHashMap<>();
        for (var decision : preview.json().get("decisions")) {
            String team = decision.get("team").asString();
            perTeam.merge(team, 1, Integer::sum);
            skills.computeIfAbsent(team, t -> new java.util.TreeSet<>()).add(decision.get("category").asString());
        }
        List<TeamPlan> plans = new ArrayList<>();
        for (var entry : perTeam.entrySet()) {
            String team = entry.getKey();
            if (!created.containsKey(team)) {
                ServerApi.Reply reply = api.createTeam(team, List.of(), admin);
                if (!reply.ok() && reply.status() != 409) {
                    throw new IllegalStateException("could not make team " + team + ": " + reply.status() + " " + reply.body());
                }
                created.put(team, reply.ok());
            }
            plans.add(new TeamPlan(team, List.copyOf(skills.get(team)), entry.getValue() / (double) sampleSize, created.get(team)));
        }
        // This run's teams that triage sends nothing stay in the plan, without agents, to be removed at the end.
        created.forEach((team, mine) -> {
            if (mine && !perTeam.containsKey(team)) {
                plans.add(new TeamPlan(team, List.of(), 0, true));
            }
        });
        return plans;
    }

    /** The agents dealt to the teams by their share of tickets (largest remainders), at least one to every team with any. */
    static int[] agentsPerTeam(List<TeamPlan> teams, int agents) {
        long busy = teams.stream().filter(t -> t.share() > 0).count();
        if (agents < busy) {
            throw new IllegalArgumentException("--agents " + agents + " is too few: triage sends tickets to " + busy + " teams");
        }
        int[] out = new int[teams.size()];
        Map<Integer, Double> remainders = new HashMap<>();
        int given = 0;
        for (int i = 0; i < teams.size(); i++) {
            if (teams.get(i).share() > 0) {
                double exact = teams.get(i).share() * agents;
                out[i] = Math.max(1, (int) Math.floor(exact));
                remainders.put(i, exact - Math.floor(exact));
                given += out[i];
            }
        }
        List<Integer> byRemainder = new ArrayList<>(remainders.keySet());
        byRemainder.sort(Comparator.comparing(remainders::get).reversed());
        for (int i = 0; given < agents; i = (i + 1) % byRemainder.size(), given++) {
            out[byRemainder.get(i)]++;
        }
        // The minimum of one each can overshoot: take back from the teams with the most.
        while (given > agents) {
            int most = 0;
            for (int i = 1; i < out.length; i++) {
                if (out[i] > out[most]) {
                    most = i;
                }
            }
            out[most]--;
            given--;
        }
        return out;
    }
}
