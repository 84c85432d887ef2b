package dev.switchboard.triage.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a rule set from YAML and checks all of it before any of it is used: every problem is reported
 * with the rule's name (or position) and the field, e.g. {@code rule 'big-refunds': when.metadata[0].op:
 * must be one of =, !=, >, >=, <, <=, in}. The format:
 *
 * <pre>
 * rules:
 *   - name: big-refunds-are-urgent
 *     override: true                 # decide before the model (default); false: a keyword fallback rule
 *     when:                          # every condition must hold; a list means any of its entries
 *       channel: [email, web_form]
 *       subject-contains: [refund]   # also body-contains, text-contains (subject or body)
 *       text-matches: "order #?\\d+" # also subject-matches, body-matches; case-insensitive
 *       metadata:
 *         - { key: orderValue, op: ">", value: 500 }   # =, !=, >, >=, <, <=, in (value: a list)
 *       customer-tier: [gold]
 *       customer-region: [eu]
 *     then:
 *       category: billing
 *       team: billing
 *       priority: P1
 *       tags: [refund]
 * </pre>
 */
public final class RuleSetParser {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> RULE_FIELDS = Set.of("name", "override", "when", "then");
    private static final Set<String> WHEN_FIELDS = Set.of("channel", "subject-contains", "body-contains", "text-contains",
            "subject-matches", "body-matches", "text-matches", "metadata", "customer-tier", "customer-region");
    private static final Set<String> THEN_FIELDS = Set.of("category", "team", "priority", "tags");

    private RuleSetParser() {
    }

    public static RuleSet parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException notYaml) {
            throw new InvalidRuleSetException(List.of(new RuleProblem("", "", "not valid YAML: " + notYaml.getOriginalMessage())));
        }
        List<RuleProblem> problems = new ArrayList<>();
        JsonNode rules = root == null ? null : root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new InvalidRuleSetException(List.of(new RuleProblem("", "rules", "required, a list of rules")));
        }
        List<TriageRule> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode name = rules.get(i).get("name");
            if (name != null && name.isString() && !names.add(name.asString())) {
                problems.add(new RuleProblem("rule '" + name.asString() + "'", "name", "used by an earlier rule too"));
            }
            new RuleReader(rules.get(i), i, problems).read().ifPresent(parsed::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(problems);
        }
        return new RuleSet(parsed);
    }

    /** Reads one rule, adding every problem it finds. */
    private static final class RuleReader {
        private final JsonNode node;
        private final List<RuleProblem> problems;
        private String label;

        RuleReader(JsonNode node, int index, List<RuleProblem> problems) {
            this.node = node;
            this.problems = problems;
            this.label = "rule #" + (index + 1);
        }

        Optional<TriageRule> read() {
            if (!node.isObject()) {
                problem("", "must be a mapping with name, when and then");
                return Optional.empty();
            }
            int before = problems.size();
            String name = text(node.get("name"));
            if (name == null || name.isBlank()) {
                problem("name", "required");
            } else {
                label = "rule '" + name + "'";
            }
            unknownFields(node, RULE_FIELDS, "");
            boolean override = true;
            JsonNode overrideNode = node.get("override");
            if (overrideNode != null) {
                if (overrideNode.isBoolean()) {
                    override = overrideNode.asBoolean();
                } else {
                    problem("override", "must be true or false");
                }
            }
            List<Condition> conditions = conditions(node.get("when"));
            TriageRule.Action action = action(node.get("then"));
            if (problems.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new TriageRule(name, conditions, action, override));
        }

        private List<Condition> conditions(JsonNode when) {
            List<Condition> conditions = new ArrayList<>();
            if (when == null || !when.isObject() || when.isEmpty()) {
                problem("when", "required, a mapping of at least one condition");
                return conditions;
            }
            unknownFields(when, WHEN_FIELDS, "when.");
            for (Map.Entry<String, JsonNode> field : when.properties()) {
                String path = "when." + field.getKey();
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "channel" -> {
                        Set<Channel> channels = new LinkedHashSet<>();
                        for (String name : strings(value, path)) {
                            Channel.fromWireName(name.toLowerCase(Locale.ROOT)).ifPresentOrElse(channels::add,
                                    () -> problem(path, "unknown channel '" + name + "'; one of email, chat, api, phone, web_form"));
                        }
                        conditions.add(new Condition.ChannelIn(channels));
                    }
                    case "subject-contains" -> conditions.add(new Condition.TextContains(Condition.TextField.SUBJECT, strings(value, path)));
                    case "body-contains" -> conditions.add(new Condition.TextContains(Condition.TextField.BODY, strings(value, path)));
                    case "text-contains" -> conditions.add(new Condition.TextContains(Condition.TextField.TEXT, strings(value, path)));
                    case "subject-matches" -> pattern(value, path).ifPresent(p -> conditions.add(new Condition.TextMatches(Condition.TextField.SUBJECT, p)));
                    case "body-matches" -> pattern(value, path).ifPresent(p -> conditions.add(new Condition.TextMatches(Condition.TextField.BODY, p)));
                    case "text-matches" -> pattern(value, path).ifPresent(p -> conditions.add(new Condition.TextMatches(Condition.TextField.TEXT, p)));
                    case "metadata" -> metadata(value, path, conditions);
                    case "customer-tier" -> conditions.add(new Condition.CustomerIn(Condition.CustomerField.TIER,
                            Set.copyOf(strings(value, path))));
                    case "customer-region" -> conditions.add(new Condition.CustomerIn(Condition.CustomerField.REGION,
                            Set.copyOf(strings(value, path))));
                    default -> { } // reported by unknownFields
                }
            }
            return conditions;
        }

        private void metadata(JsonNode value, String path, List<Condition> conditions) {
            if (!value.isArray() || value.isEmpty()) {
                problem(path, "must be a list of {key, op, value}");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                JsonNode c = value.get(i);
                String at = path + "[" + i + "]";
                String key = text(c.get("key"));
                String op = text(c.get("op"));
                JsonNode expected = c.get("value");
                if (key == null || key.isBlank()) {
                    problem(at + ".key", "required");
                }
                Optional<Condition.Comparison> comparison = op == null ? Optional.empty() : Condition.Comparison.of(op);
                if (comparison.isEmpty()) {
                    problem(at + ".op", "must be one of =, !=, >, >=, <, <=, in");
                }
                if (expected == null || expected.isNull()) {
                    problem(at + ".value", "required");
                    continue;
                }
                List<Object> values = new ArrayList<>();
                if (expected.isArray()) {
                    expected.forEach(v -> values.add(scalar(v)));
                } else {
                    values.add(scalar(expected));
                }
                if (comparison.isPresent()) {
                    if (comparison.get() == Condition.Comparison.IN && !expected.isArray()) {
                        problem(at + ".value", "must be a list for op 'in'");
                    } else if (comparison.get() != Condition.Comparison.IN && expected.isArray()) {
                        problem(at + ".value", "must be a single value for op '" + op + "'");
                    } else if (comparison.get().isOrdering() && Condition.Comparison.number(values.getFirst()) == null) {
                        problem(at + ".value", "must be a number for op '" + op + "'");
                    } else if (key != null && !key.isBlank()) {
                        conditions.add(new Condition.MetadataCompares(key, comparison.get(), values));
                    }
                }
            }
        }

        private TriageRule.Action action(JsonNode then) {
            if (then == null || !then.isObject()) {
                problem("then", "required, a mapping of category, team, priority, tags");
                return new TriageRule.Action(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
            }
            unknownFields(then, THEN_FIELDS, "then.");
            Optional<String> category = Optional.ofNullable(text(then.get("category"))).map(String::strip).filter(s -> !s.isEmpty());
            Optional<String> team = Optional.ofNullable(text(then.get("team"))).map(String::strip).filter(s -> !s.isEmpty());
            if (category.isEmpty() && team.isEmpty()) {
                problem("then", "must set a category, a team, or both");
            }
            Optional<Priority> priority = Optional.empty();
            if (then.has("priority")) {
                priority = Priority.parse(text(then.get("priority")));
                if (priority.isEmpty()) {
                    problem("then.priority", "must be one of P1, P2, P3, P4");
                }
            }
            List<String> tags = then.has("tags") ? strings(then.get("tags"), "then.tags") : List.of();
            return new TriageRule.Action(category, team, priority, tags);
        }

        private Optional<Pattern> pattern(JsonNode value, String path) {
            String regex = text(value);
            if (regex == null || regex.isEmpty()) {
                problem(path, "must be a regular expression");
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException bad) {
                problem(path, "not a valid regular expression: " + bad.getDescription());
                return Optional.empty();
            }
        }

        /** A string or a list of strings, none blank. */
        private List<String> strings(JsonNode value, String path) {
            List<String> out = new ArrayList<>();
            if (value != null && value.isArray()) {
                value.forEach(v -> out.add(text(v)));
            } else {
                out.add(text(value));
            }
            if (out.isEmpty() || out.stream().anyMatch(s -> s == null || s.isBlank())) {
                problem(path, "must be a word or a list of words, none empty");
                return List.of();
            }
            return out;
        }

        private void unknownFields(JsonNode object, Set<String> known, String prefix) {
            for (String field : object.propertyNames()) {
                if (!known.contains(field)) {
                    problem(prefix + field, "unknown field; known: " + String.join(", ", new java.util.TreeSet<>(known)));
                }
            }
        }

        private void problem(String field, String message) {
            problems.add(new RuleProblem(label, field, message));
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() || node.isContainer() ? null : node.asString();
        }

        private static Object scalar(JsonNode node) {
            return node.isNumber() ? node.numberValue() : node.asString();
        }
    }
}
