package dev.switchboard.routing;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Demo teams and agents, on request only ({@code switchboard.demo-data=true}) and only into an empty
 * system: one team per default category plus the generalist pool, two agents each, all with the
 * password {@code demo-password}. Never for production.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("switchboard.demo-data")
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String PASSWORD = "demo-password";

    private record DemoTeam(String name, Set<String> categories) {
    }

    private static final List<DemoTeam> TEAMS = List.of(
            new DemoTeam("billing", Set.of("billing")),
            new DemoTeam("operations", Set.of("outage")),
            new DemoTeam("engineering", Set.of("bug")),
            new DemoTeam("product", Set.of("feature_request")),
            new DemoTeam("general", Set.of("general_inquiry")));
    private static final List<String> REGIONS = List.of("eu", "us");

    private final Teams teams;
    private final Agents agents;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    public DemoData(Teams teams, Agents agents, PasswordEncoder passwords, Clock clock,
                    org.springframework.context.ApplicationEventPublisher events) {
        this.teams = teams;
        this.agents = agents;
        this.passwords = passwords;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!teams.list().isEmpty() || !agents.list().isEmpty()) {
            log.info("demo data not seeded: there are teams or agents already");
            return;
        }
        String hash = passwords.encode(PASSWORD);
        for (DemoTeam team : TEAMS) {
            teams.create(new Team(team.name(), team.categories()));
            for (int i = 0; i < REGIONS.size(); i++) {
                String email = team.name() + "-" + (i + 1) + "@demo.switchboard";
                agents.create(new Agent(UlidCreator.getMonotonicUlid().toString(), email, "Demo " + team.name() + " " + (i + 1),
                        team.name(), team.categories(), REGIONS.get(i), 5, true), hash, clock.instant());
            }
        }
        events.publishEvent(new TeamsChanged());
        log.warn("seeded demo data: {} teams, {} agents (<team>-1@demo.switchboard ... password '{}'); not for production",
                TEAMS.size(), TEAMS.size() * REGIONS.size(), PASSWORD);
    }
}
