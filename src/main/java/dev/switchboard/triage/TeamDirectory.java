package dev.switchboard.triage;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

import dev.switchboard.routing.Team;
import dev.switchboard.routing.Teams;
import dev.switchboard.routing.TeamsChanged;

/**
 * Which team works each category: the teams admins created ({@code POST /api/v1/teams} with its
 * categories) first, then {@code switchboard.triage.teams} from the configuration. When two teams claim
 * a category, the first by name takes it. Reloaded at once when a team changes on this node, and every
 * {@code rules-refresh} for changes made on others; a failed reload keeps the last map.
 */
public class TeamDirectory implements Supplier<Map<String, String>> {

    private static final Logger log = LoggerFactory.getLogger(TeamDirectory.class);

    private final Teams teams;
    private final Map<String, String> configured;
    private volatile Map<String, String> current;

    public TeamDirectory(Teams teams, Map<String, String> configured) {
        this.teams = teams;
        this.configured = Map.copyOf(configured);
        this.current = this.configured;
    }

    @Override
    public Map<String, String> get() {
        return current;
    }

    @EventListener(TeamsChanged.class)
    @Scheduled(fixedDelayString = "${switchboard.triage.rules-refresh:10s}", initialDelay = 0)
    public void reload() {
        try {
            Map<String, String> next = new HashMap<>(configured);
            teams.list().stream()
                    .sorted(java.util.Comparator.comparing(Team::name).reversed()) // the first by name is put last and wins
                    .forEach(team -> team.categories().forEach(category -> next.put(category, team.name())));
            current = Map.copyOf(next);
        } catch (RuntimeException unavailable) {
            log.warn("could not reload the teams' categories; keeping the last ones: {}", unavailable.toString());
        }
    }
}
