package dev.switchboard.workspace;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.access.SignedInUser;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.Agents;
import dev.switchboard.routing.RoutingStage;
import dev.switchboard.routing.RoutingWeights;
import dev.switchboard.routing.RoutingWeightsController;
import dev.switchboard.routing.AgentRoster;
import dev.switchboard.routing.Team;
import dev.switchboard.routing.Teams;
import dev.switchboard.routing.TeamsChanged;
import dev.switchboard.triage.GuardedClassifier;
import dev.switchboard.triage.RuleBook;
import dev.switchboard.triage.rules.InvalidRuleSetException;

/**
 * The admin's page: teams, agents (skills, region, capacity), the triage rules (edited with
 * validation: a set with any problem is refused whole and the one in force stays), the routing
 * weights and the model in use.
 */
@Controller
class AdminPage {

    private final Teams teams;
    private final Agents agents;
    private final AgentRoster roster;
    private final RoutingStage routing;
    private final RuleBook rules;
    private final GuardedClassifier classifier;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final dev.switchboard.learning.LearningLoop learning;
    private final dev.switchboard.learning.ModelRegistry models;
    private final dev.switchboard.store.Backups backups;

    AdminPage(Teams teams, Agents agents, AgentRoster roster, RoutingStage routing, RuleBook rules,
              GuardedClassifier classifier, PasswordEncoder passwords, Clock clock, ApplicationEventPublisher events,
              dev.switchboard.learning.LearningLoop learning, dev.switchboard.learning.ModelRegistry models,
              dev.switchboard.store.Backups backups) {
        this.backups = backups;
        this.learning = learning;
        this.models = models;
        this.events = events;
        this.teams = teams;
        this.agents = agents;
        this.roster = roster;
        this.routing = routing;
        this.rules = rules;
        this.classifier = classifier;
        this.passwords = passwords;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String admin(Model model) {
        model.addAttribute("teams", teams.list());
        model.addAttribute("agents", agents.list());
        if (!model.containsAttribute("yaml")) {
            model.addAttribute("yaml", rules.current().yaml());
        }
        model.addAttribute("rulesVersion", rules.current().version());
        model.addAttribute("weights", routing.weights());
        model.addAttribute("modelVersion", classifier.version().orElse(null));
        model.addAttribute("modelHealth", classifier.health().name().toLowerCase(Locale.ROOT));
        model.addAttribute("evaluation", classifier.evaluation().orElse(null));
        boolean embedded = backups.embedded();
        model.addAttribute("backupsEmbedded", embedded);
        try {
            model.addAttribute("backups", embedded ? backups.list() : List.of());
        } catch (java.io.IOException unreadable) {
            model.addAttribute("backups", List.of());
            model.addAttribute("error", "The backups folder cannot be read: " + unreadable.getMessage());
        }
        return "admin";
    }

    @PostMapping("/admin/backups")
    String backUp(RedirectAttributes redirect) {
        try {
            var backup = backups.take();
            redirect.addFlashAttribute("notice", "Backup " + backup.file() + " taken.");
        } catch (java.io.IOException | dev.switchboard.store.Backups.NotEmbedded failed) {
            redirect.addFlashAttribute("error", "No backup: " + failed.getMessage());
        }
        return "redirect:/admin#backups";
    }

    @PostMapping("/admin/rules")
    String rules(@AuthenticationPrincipal SignedInUser user, @RequestParam String yaml, RedirectAttributes redirect) {
        try {
            RuleBook.Current stored = rules.replace(yaml, user.caller().actor().toString());
            redirect.addFlashAttribute("notice", "Rules saved: version " + stored.version() + ", "
                    + stored.rules().rules().size() + " rules.");
        } catch (InvalidRuleSetException invalid) {
            redirect.addFlashAttribute("yaml", yaml);
            redirect.addFlashAttribute("ruleProblems", invalid.problems().stream()
                    .map(p -> (p.rule().isEmpty() ? "" : p.rule() + ": ") + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message())
                    .toList());
        }
        return "redirect:/admin#rules";
    }

    /** A model version as the models page shows it, with its bars' lengths (percent of the chart's width). */
    public record ModelRow(dev.switchboard.learning.ModelVersion model, dev.switchboard.learning.LiveFigures live,
                           double f1Bar, double misrouteBar) {
    }

    @GetMapping("/admin/models")
    String models(Model model) {
        var live = learning.liveFigures();
        var versions = models.all();
        double worstMisroute = Math.max(0.05, live.values().stream().mapToDouble(dev.switchboard.learning.LiveFigures::misrouteRate)
                .max().orElse(0));
        model.addAttribute("rows", versions.stream().map(v -> {
            var figures = live.getOrDefault(v.version(), dev.switchboard.learning.LiveFigures.NONE);
            return new ModelRow(v, figures, 100 * v.macroF1(), 100 * figures.misrouteRate() / worstMisroute);
        }).toList());
        model.addAttribute("job", learning.job().orElse(null));
        model.addAttribute("modelEvents", models.events(30));
        return "models";
    }

    @PostMapping("/admin/models/retrain")
    String retrain(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("notice", "Training started (job " + learning.retrain().id() + ").");
        } catch (dev.switchboard.learning.LearningLoop.Busy busy) {
            redirect.addFlashAttribute("error", busy.getMessage());
        }
        return "redirect:/admin/models";
    }

    @PostMapping("/admin/models/{version}/{action}")
    String steer(@org.springframework.web.bind.annotation.PathVariable String version,
                 @org.springframework.web.bind.annotation.PathVariable String action, RedirectAttributes redirect) {
        try {
            var result = switch (action) {
                case "promote" -> learning.promote(version);
                case "rollback" -> learning.rollBack(version);
                default -> throw new IllegalArgumentException("no such action: " + action);
            };
            redirect.addFlashAttribute("notice", "Model " + version + " is " + result.status().wireName() + ".");
        } catch (IllegalArgumentException | IllegalStateException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/admin/models";
    }

    @PostMapping("/admin/weights")
    String weights(@AuthenticationPrincipal SignedInUser user, @RequestParam double skill, @RequestParam double region,
                   @RequestParam double idle, RedirectAttributes redirect) {
        try {
            RoutingWeights set = RoutingWeightsController.change(routing, skill, region, idle, user.caller().actor().toString());
            redirect.addFlashAttribute("notice", "Routing weights now skill " + set.skill() + ", region " + set.region()
                    + ", idleness " + set.idle() + ".");
        } catch (dev.switchboard.web.InvalidRequestException invalid) {
            redirect.addFlashAttribute("error", "Weights: " + invalid.problems().getFirst().message() + ".");
        }
        return "redirect:/admin#routing";
    }

    @PostMapping("/admin/teams")
    String team(@RequestParam String name, @RequestParam(defaultValue = "") String categories, RedirectAttributes redirect) {
        String teamName = name.strip();
        if (teamName.isEmpty() || teamName.length() > 100 || !teams.create(new Team(teamName, names(categories)))) {
            redirect.addFlashAttribute("error", "A team needs a new name of 1 to 100 characters.");
            return "redirect:/admin#teams";
        }
        events.publishEvent(new TeamsChanged());
        redirect.addFlashAttribute("notice", "Team " + teamName + " created.");
        return "redirect:/admin#teams";
    }

    @PostMapping("/admin/agents")
    String agent(@RequestParam String email, @RequestParam String name, @RequestParam String password,
                 @RequestParam String team, @RequestParam(defaultValue = "") String skills,
                 @RequestParam(defaultValue = "") String region, @RequestParam(defaultValue = "3") int capacity,
                 RedirectAttributes redirect) {
        if (teams.find(team).isEmpty() || password.length() < 8 || capacity < 0 || capacity > 1000 || !email.contains("@")) {
            redirect.addFlashAttribute("error", "An agent needs an email, a password of 8 or more characters, an existing team"
                    + " and a capacity from 0 to 1000.");
            return "redirect:/admin#agents";
        }
        Agent agent = new Agent(UlidCreator.getMonotonicUlid().toString(), email.strip().toLowerCase(Locale.ROOT), name.strip(),
                team, names(skills), region.strip(), capacity, true);
        try {
            roster.create(agent, passwords.encode(password), clock.instant());
            redirect.addFlashAttribute("notice", "Agent " + agent.email() + " created.");
        } catch (DuplicateKeyException taken) {
            redirect.addFlashAttribute("error", "A user with " + agent.email() + " exists.");
        }
        return "redirect:/admin#agents";
    }

    private static Set<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
