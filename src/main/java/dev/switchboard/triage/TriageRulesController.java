package dev.switchboard.triage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.access.Caller;
import dev.switchboard.triage.rules.InvalidRuleSetException;
import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.FieldProblem;

/**
 * The triage rules, for admins: read the set in force, replace it with a new YAML set. A set with any
 * problem is refused whole (422, every problem named) and the set in force stays.
 */
@RestController
@RequestMapping("/api/v1/triage/rules")
public class TriageRulesController {

    private static final String YAML = "application/yaml";

    private final RuleBook rules;

    public TriageRulesController(RuleBook rules) {
        this.rules = rules;
    }

    /** The set in force: {@code version} 0 is a file's, not one an admin stored. */
    public record RulesView(long version, String source, int rules, String yaml) {
    }

    @GetMapping
    public RulesView current() {
        return view(rules.current());
    }

    @PutMapping(consumes = {YAML, "application/x-yaml", "text/yaml", "text/plain"})
    public ResponseEntity<?> replace(@RequestBody String yaml, @AuthenticationPrincipal Caller admin) {
        try {
            return ResponseEntity.ok(view(rules.replace(yaml, admin.actor().toString())));
        } catch (InvalidRuleSetException invalid) {
            ResponseEntity<ProblemDetail> refused = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-rules",
                    "Invalid rule set", (invalid.problems().size() == 1 ? "1 problem" : invalid.problems().size() + " problems") + "; the rules in force are unchanged");
            refused.getBody().setProperty("errors", invalid.problems().stream()
                    .map(p -> new FieldProblem(p.rule().isEmpty() ? p.field() : p.rule() + (p.field().isEmpty() ? "" : ": " + p.field()),
                            p.message()))
                    .toList());
            return refused;
        }
    }

    private static RulesView view(RuleBook.Current current) {
        return new RulesView(current.version(), current.source(), current.rules().rules().size(), current.yaml());
    }
}
