package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.triage.rules.RuleSet;
import dev.switchboard.triage.rules.RuleSetParser;

class TriageTest {

    private static final RuleSet RULES = RuleSetParser.parse("""
            rules:
              - name: big-refunds-are-urgent
                when:
                  subject-contains: [refund]
                  metadata: [{ key: orderValue, op: ">", value: 500 }]
                then: { category: billing, team: billing, priority: P1, tags: [refund] }
              - name: billing-words
                override: false
                when: { text-contains: [invoice, refund] }
                then: { category: billing }
            """);
    private static final Map<String, String> TEAMS = Map.of("billing", "billing", "bug", "engineering");
    private static final PriorityPolicy PRIORITIES = new PriorityPolicy(
            Map.of("billing", Priority.P1, "outage", Priority.P1, "bug", Priority.P2, "feature_request", Priority.P3,
                    "general_inquiry", Priority.P3), Priority.P3);

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A classifier that answers what the test says and counts its calls. */
    static final class ScriptedClassifier implements TextClassifier {
        final AtomicInteger calls = new AtomicInteger();
        volatile Function<String, Prediction> answer;

        ScriptedClassifier(Function<String, Prediction> answer) {
            this.answer = answer;
        }

        @Override
        public Prediction classify(String text) {
            calls.incrementAndGet();
            return answer.apply(text);
        }

        @Override
        public String version() {
            return "v1";
        }

        @Override
        public List<String> labels() {
            return List.of("billing", "bug");
        }
    }

    private final TestClock clock = new TestClock();

    private static ToneDetector tone(Tone always) {
        return new ToneDetector(new ScriptedClassifier(t -> new Prediction(always.name().toLowerCase(), 0.95, "tone")), 0.8);
    }

    private Triage triage(Optional<TextClassifier> model, Tone tone) {
        GuardedClassifier guard = new GuardedClassifier(model, Duration.ofMillis(50), Duration.ofSeconds(30), clock);
        return new Triage(() -> RULES, guard, tone(tone), PRIORITIES, () -> TEAMS, "general", 0.72);
    }

    private static Ticket ticket(Channel channel, String subject, String body, Map<String, Object> metadata) {
        return Ticket.received(Tickets.newId(), channel, Customer.of("c1", "", "", "", ""), subject, body, List.of(),
                metadata, Optional.empty(), Instant.EPOCH);
    }

    private static ScriptedClassifier says(String label, double confidence) {
        return new ScriptedClassifier(t -> new Prediction(label, confidence, "v1"));
    }

    @Test
    void anOverrideRuleDecidesBeforeTheModel() {
        ScriptedClassifier model = says("bug", 0.99);

        TriageDecision d = triage(Optional.of(model), Tone.POSITIVE)
                .decide(ticket(Channel.EMAIL, "Refund please", "order 1234", Map.of("orderValue", 700)));

        assertThat(d.source()).isEqualTo(TriageDecision.Source.RULE);
        assertThat(d.classification().decidedBy()).isEqualTo("rule:big-refunds-are-urgent");
        assertThat(d.classification().category()).isEqualTo("billing");
        assertThat(d.classification().team()).isEqualTo("billing");
        assertThat(d.classification().tags()).containsExactly("refund");
        assertThat(d.priority()).as("a rule's priority is not moved by the wording").isEqualTo(Priority.P1);
        assertThat(model.calls).hasValue(0);
    }

    @ParameterizedTest(name = "confidence {0}: team {1}, review {2}")
    @CsvSource({"0.95, engineering, false", "0.72, engineering, false", "0.7199, general, true", "0.30, general, true"})
    void belowTheThresholdATicketGoesToTheGeneralistsForReview(double confidence, String team, boolean review) {
        TriageDecision d = triage(Optional.of(says("bug", confidence)), Tone.NEUTRAL)
                .decide(ticket(Channel.CHAT, "", "the export crashes", Map.of()));

        assertThat(d.source()).isEqualTo(TriageDecision.Source.MODEL);
        assertThat(d.classification().category()).isEqualTo("bug");
        assertThat(d.classification().team()).isEqualTo(team);
        assertThat(d.classification().needsHumanReview()).isEqualTo(review);
        assertThat(d.classification().confidence()).isEqualTo(confidence);
        assertThat(d.classification().decidedBy()).isEqualTo("model:v1");
    }

    @ParameterizedTest(name = "{0} worded {1} on {2}: {3}")
    @CsvSource({
            "billing, NEUTRAL, EMAIL, P1",
            "bug, NEUTRAL, EMAIL, P2",
            "feature_request, NEUTRAL, EMAIL, P3",
            "general_inquiry, NEUTRAL, CHAT, P3",
            "bug, NEGATIVE, EMAIL, P1",
            "bug, POSITIVE, EMAIL, P3",
            "billing, NEGATIVE, EMAIL, P1",
            "feature_request, POSITIVE, EMAIL, P4",
            "feature_request, POSITIVE, PHONE, P1",
            "unknown_category, NEUTRAL, API, P3",
    })
    void priorityComesFromTheCategoryAndMovesOneStepWithTheWording(String category, Tone tone, Channel channel,
                                                                   Priority expected) {
        TriageDecision d = triage(Optional.of(says(category, 0.9)), tone).decide(ticket(channel, "", "text", Map.of()));

        assertThat(d.priority()).isEqualTo(expected);
    }

    @Test
    void aFailingModelFallsBackToRulesAndComesBackOnceHealthy() {
        ScriptedClassifier model = new ScriptedClassifier(t -> {
            throw new IllegalStateException("model file corrupt");
        });
        GuardedClassifier guard = new GuardedClassifier(Optional.of(model), Duration.ofMillis(50), Duration.ofSeconds(30), clock);
        Triage triage = new Triage(() -> RULES, guard, tone(Tone.NEUTRAL), PRIORITIES, () -> TEAMS, "general", 0.72);
        Ticket invoice = ticket(Channel.EMAIL, "Invoice", "the invoice total is wrong", Map.of());

        TriageDecision failed = triage.decide(invoice);
        TriageDecision coolingDown = triage.decide(invoice);

        assertThat(failed.source()).isEqualTo(TriageDecision.Source.FALLBACK);
        assertThat(failed.classification().decidedBy()).isEqualTo("fallback:billing-words");
        assertThat(failed.classification().category()).isEqualTo("billing");
        assertThat(coolingDown.source()).isEqualTo(TriageDecision.Source.FALLBACK);
        assertThat(model.calls).as("left alone while cooling down").hasValue(1);
        assertThat(guard.health()).isEqualTo(GuardedClassifier.Health.UNHEALTHY);

        model.answer = t -> new Prediction("billing", 0.93, "v1");
        clock.now = clock.now.plus(Duration.ofSeconds(31));
        TriageDecision recovered = triage.decide(invoice);

        assertThat(recovered.source()).isEqualTo(TriageDecision.Source.MODEL);
        assertThat(guard.health()).isEqualTo(GuardedClassifier.Health.HEALTHY);
    }

    @Test
    void aSlowModelCountsAsUnhealthy() {
        ScriptedClassifier slow = new ScriptedClassifier(t -> {
            // A model that takes 60 ms, over the 50 ms limit (the guard measures with System.nanoTime).
            long until = System.nanoTime() + Duration.ofMillis(60).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return new Prediction("bug", 0.99, "v1");
        });

        TriageDecision d = triage(Optional.of(slow), Tone.NEUTRAL).decide(ticket(Channel.CHAT, "", "refund it", Map.of()));

        assertThat(d.source()).isEqualTo(TriageDecision.Source.FALLBACK);
    }

    @Test
    void withoutAModelOrAMatchingRuleATicketGoesToTheDefaultPool() {
        TriageDecision d = triage(Optional.empty(), Tone.NEUTRAL).decide(ticket(Channel.CHAT, "", "hello there", Map.of()));

        assertThat(d.source()).isEqualTo(TriageDecision.Source.DEFAULT);
        assertThat(d.classification().category()).isEqualTo(Triage.UNCATEGORIZED);
        assertThat(d.classification().team()).isEqualTo("general");
        assertThat(d.classification().needsHumanReview()).isTrue();
        assertThat(d.classification().decidedBy()).isEqualTo("default");
    }
}
