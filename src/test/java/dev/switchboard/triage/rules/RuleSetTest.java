package dev.switchboard.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;

class RuleSetTest {

    static RuleSet defaults() throws IOException {
        try (InputStream in = RuleSetTest.class.getResourceAsStream("/triage/rules.yml")) {
            return RuleSetParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Ticket ticket(Channel channel, String subject, String body, Map<String, Object> metadata, String tier) {
        return Ticket.received(Tickets.newId(), channel, Customer.of("c1", "c1@example.com", "", "eu", tier), subject, body,
                List.of(), metadata, Optional.empty(), Instant.EPOCH);
    }

    @Test
    void aRefundSubjectOverFiveHundredGoesToBillingAsUrgent() throws IOException {
        Ticket big = ticket(Channel.EMAIL, "Refund for order 1234", "Please send my money back", Map.of("orderValue", 700), "");

        TriageRule rule = defaults().firstOverride(big).orElseThrow();

        assertThat(rule.name()).isEqualTo("big-refunds-are-urgent");
        assertThat(rule.action().category()).contains("billing");
        assertThat(rule.action().team()).contains("billing");
        assertThat(rule.action().priority()).contains(Priority.P1);
    }

    @ParameterizedTest(name = "subject \"{0}\" with orderValue {1}: override {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            REFUND please      | 501   | true
            Refund please      | 500   | false
            Refund please      | 500.5 | true
            Refund please      | '900' | true
            Refund please      | lots  | false
            Refund please      | none  | false
            Question on refund | 9000  | true
            Billing question   | 9000  | false
            """)
    void theRefundRuleBoundaries(String subject, String orderValue, boolean matches) throws IOException {
        Map<String, Object> metadata = orderValue == null ? Map.of()
                : Map.of("orderValue", orderValue.startsWith("'") ? orderValue.replace("'", "") : number(orderValue));

        Optional<TriageRule> rule = defaults().firstOverride(ticket(Channel.WEB_FORM, subject, "body", metadata, ""));

        assertThat(rule.isPresent()).isEqualTo(matches);
    }

    private static Object number(String text) {
        try {
            return text.contains(".") ? (Object) Double.parseDouble(text) : (Object) Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    @Test
    void fallbackRulesDoNotOverrideTheModel() throws IOException {
        Ticket down = ticket(Channel.CHAT, "", "the site is down for everyone", Map.of(), "");

        assertThat(defaults().firstOverride(down)).isEmpty();
        assertThat(defaults().firstFallback(down).map(TriageRule::name)).contains("outage-words");
    }

    @Test
    void everyKindOfConditionAndFirstMatchWins() {
        RuleSet rules = RuleSetParser.parse("""
                rules:
                  - name: gold-eu-phone-with-plan
                    when:
                      channel: [phone, chat]
                      customer-tier: [Gold]
                      customer-region: [EU, us]
                      body-contains: [cancel]
                      metadata:
                        - { key: plan, op: in, value: [pro, team] }
                        - { key: seats, op: ">=", value: 10 }
                        - { key: trial, op: "!=", value: true }
                    then: { team: retention, priority: P2, tags: [churn-risk] }
                  - name: anything-about-cancel
                    when: { body-contains: cancel }
                    then: { category: general_inquiry }
                """);
        Map<String, Object> metadata = Map.of("plan", "pro", "seats", 12, "trial", false);

        assertThat(rules.firstOverride(ticket(Channel.PHONE, "", "I want to cancel", metadata, "gold")).map(TriageRule::name))
                .contains("gold-eu-phone-with-plan");
        assertThat(rules.firstOverride(ticket(Channel.EMAIL, "", "I want to cancel", metadata, "gold")).map(TriageRule::name))
                .contains("anything-about-cancel");
        assertThat(rules.firstOverride(ticket(Channel.PHONE, "", "I want to cancel", Map.of("plan", "free", "seats", 12), "gold"))
                .map(TriageRule::name)).contains("anything-about-cancel");
        assertThat(rules.firstOverride(ticket(Channel.PHONE, "", "hello", metadata, "gold"))).isEmpty();
    }

    @Test
    void aBadRuleSetIsRefusedNamingEachRuleAndField() {
        assertThatThrownBy(() -> RuleSetParser.parse("""
                rules:
                  - name: broken
                    when:
                      channel: [fax]
                      text-matches: "(unclosed"
                      metadata:
                        - { key: orderValue, op: "~", value: 5 }
                        - { key: orderValue, op: ">", value: lots }
                      colour: red
                    then: { priority: P9 }
                  - when: { body-contains: x }
                    then: { category: bug }
                  - name: broken
                    when: { body-contains: y }
                    then: { category: bug }
                """))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems().stream().map(RuleProblem::toString).toList())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .contains(
                        "rule 'broken': when.channel: unknown channel 'fax'; one of email, chat, api, phone, web_form",
                        "rule 'broken': when.metadata[0].op: must be one of =, !=, >, >=, <, <=, in",
                        "rule 'broken': when.metadata[1].value: must be a number for op '>'",
                        "rule 'broken': then: must set a category, a team, or both",
                        "rule 'broken': then.priority: must be one of P1, P2, P3, P4",
                        "rule #2: name: required",
                        "rule 'broken': name: used by an earlier rule too")
                .anyMatch(p -> p.startsWith("rule 'broken': when.text-matches: not a valid regular expression"))
                .anyMatch(p -> p.startsWith("rule 'broken': when.colour: unknown field"));
    }

    @Test
    void notYamlOrNoRulesIsRefused() {
        assertThatThrownBy(() -> RuleSetParser.parse("rules: [")).isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RuleSetParser.parse("other: 1")).isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("rules: required");
    }
}
