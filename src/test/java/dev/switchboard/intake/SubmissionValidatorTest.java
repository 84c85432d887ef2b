package dev.switchboard.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.intake.SubmissionValidator.Result;
import dev.switchboard.intake.TicketSubmission.CustomerSubmission;
import dev.switchboard.support.Limits;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.web.FieldProblem;
import tools.jackson.databind.json.JsonMapper;

class SubmissionValidatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SubmissionValidator validator = new SubmissionValidator(Limits.defaults(),
            metadata -> JSON.writeValueAsBytes(metadata).length);

    private static final TicketSubmission GOOD = new TicketSubmission("email",
            new CustomerSubmission("crm-1", "ann@example.com", "Ann", "eu", "gold"), "Refund please",
            "I was charged twice.", List.of("https://files.example.com/receipt.pdf"), Map.of("orderValue", 700), "P2");

    private static TicketSubmission with(UnaryOperator<TicketSubmission> change) {
        return change.apply(GOOD);
    }

    private static TicketSubmission customer(CustomerSubmission c) {
        return new TicketSubmission(GOOD.channel(), c, GOOD.subject(), GOOD.body(), GOOD.attachments(), GOOD.metadata(),
                GOOD.priority());
    }

    private static TicketSubmission channel(String channel) {
        return new TicketSubmission(channel, GOOD.customer(), GOOD.subject(), GOOD.body(), GOOD.attachments(),
                GOOD.metadata(), GOOD.priority());
    }

    private static TicketSubmission subject(String channel, String subject) {
        return new TicketSubmission(channel, GOOD.customer(), subject, GOOD.body(), GOOD.attachments(), GOOD.metadata(),
                GOOD.priority());
    }

    private static TicketSubmission body(String body) {
        return new TicketSubmission(GOOD.channel(), GOOD.customer(), GOOD.subject(), body, GOOD.attachments(),
                GOOD.metadata(), GOOD.priority());
    }

    private static TicketSubmission attachments(List<String> urls) {
        return new TicketSubmission(GOOD.channel(), GOOD.customer(), GOOD.subject(), GOOD.body(), urls, GOOD.metadata(),
                GOOD.priority());
    }

    private static TicketSubmission priority(String priority) {
        return new TicketSubmission(GOOD.channel(), GOOD.customer(), GOOD.subject(), GOOD.body(), GOOD.attachments(),
                GOOD.metadata(), priority);
    }

    static List<Arguments> badSubmissions() {
        String tooManyUrls = "https://x.example.com/";
        Map<String, Object> bigMetadata = new HashMap<>();
        bigMetadata.put("notes", "x".repeat(17_000));
        return List.of(
                Arguments.of("no channel", channel(null), "channel", "is required"),
                Arguments.of("unknown channel", channel("fax"), "channel", "must be one of email, chat, api, phone, web_form"),
                Arguments.of("no customer", customer(null), "customer", "is required"),
                Arguments.of("neither id nor email", customer(new CustomerSubmission(" ", null, "Ann", null, null)),
                        "customer.email", "is required when customer.id is absent"),
                Arguments.of("email channel without email", customer(new CustomerSubmission("crm-1", null, null, null, null)),
                        "customer.email", "is required for channel email"),
                Arguments.of("bad email", customer(new CustomerSubmission(null, "ann@", null, null, null)),
                        "customer.email", "must be a valid email address"),
                Arguments.of("email too long", customer(new CustomerSubmission(null, "a".repeat(250) + "@x.io", null, null, null)),
                        "customer.email", "must be a valid email address"),
                Arguments.of("customer id too long", customer(new CustomerSubmission("c".repeat(201), "a@x.io", null, null, null)),
                        "customer.id", "must be at most 200 characters"),
                Arguments.of("email without subject", subject("email", "  "), "subject", "is required for channel email"),
                Arguments.of("web form without subject", subject("web_form", null), "subject", "is required for channel web_form"),
                Arguments.of("subject of 201", subject("email", "s".repeat(201)), "subject", "must be at most 200 characters"),
                Arguments.of("no body", body(null), "body", "is required"),
                Arguments.of("blank body", body(" \n\t "), "body", "must not be blank"),
                Arguments.of("only control characters", body("\u0000\u0007"), "body", "must not be blank"),
                Arguments.of("body of 50,001", body("b".repeat(50_001)), "body", "must be at most 50000 characters"),
                Arguments.of("ftp attachment", attachments(List.of("ftp://files.example.com/a")), "attachments[0]",
                        "must be an absolute http or https URL"),
                Arguments.of("relative attachment", attachments(List.of("https://ok.example.com/a", "/a.png")),
                        "attachments[1]", "must be an absolute http or https URL"),
                Arguments.of("javascript attachment", attachments(List.of("javascript:alert(1)")), "attachments[0]",
                        "must be an absolute http or https URL"),
                Arguments.of("21 attachments", attachments(Collections.nCopies(21, tooManyUrls)), "attachments",
                        "must hold at most 20 URLs"),
                Arguments.of("metadata over 16 KiB", with(s -> new TicketSubmission(s.channel(), s.customer(), s.subject(),
                        s.body(), s.attachments(), bigMetadata, s.priority())), "metadata", null),
                Arguments.of("unknown priority", priority("P5"), "priority", "must be one of P1, P2, P3, P4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubmissions")
    void aBadFieldIsNamedWithWhyItIsBad(String caseName, TicketSubmission submission, String field, String message) {
        Result result = validator.validate(submission);

        assertThat(result).isInstanceOf(Result.Invalid.class);
        List<FieldProblem> problems = ((Result.Invalid) result).problems();
        assertThat(problems).extracting(FieldProblem::field).containsExactly(field);
        if (message != null) {
            assertThat(problems.getFirst().message()).isEqualTo(message);
        }
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        var bad = new TicketSubmission("fax", new CustomerSubmission(null, "nope", null, null, null), null, "",
                List.of("ftp://a"), null, "urgent");

        var problems = ((Result.Invalid) validator.validate(bad)).problems();

        assertThat(problems).extracting(FieldProblem::field)
                .containsExactly("channel", "customer.email", "body", "attachments[0]", "priority");
    }

    @Test
    void textsAtTheirLimitsInCodePointsPass() {
        var atLimits = new TicketSubmission("email", GOOD.customer(), "🎫".repeat(200), "😀".repeat(50_000),
                new ArrayList<>(Collections.nCopies(20, "https://x.example.com/" + "p".repeat(2000))), Map.of(), null);

        assertThat(validator.validate(atLimits)).isInstanceOf(Result.Valid.class);
    }

    @Test
    void aGoodSubmissionIsCleanedAndTyped() {
        var dirty = new TicketSubmission("email", new CustomerSubmission(" crm-1 ", " ann@example.com ", "Ann\u0000", "eu", null),
                "Refund\r\nplease\u0007", "line one\u0000\nline two\u001b[31m\ttab", List.of(" https://x.example.com/a "),
                new HashMap<>(Map.of("orderValue", 700)), "p2");

        var clean = ((Result.Valid) validator.validate(dirty)).submission();

        assertThat(clean.channel()).isEqualTo(Channel.EMAIL);
        assertThat(clean.customer().id()).isEqualTo("crm-1");
        assertThat(clean.customer().email()).isEqualTo("ann@example.com");
        assertThat(clean.customer().name()).isEqualTo("Ann");
        assertThat(clean.subject()).isEqualTo("Refund  please");
        assertThat(clean.body()).isEqualTo("line one\nline two[31m\ttab");
        assertThat(clean.attachments()).extracting(Object::toString).containsExactly("https://x.example.com/a");
        assertThat(clean.priority()).isEqualTo(Optional.of(Priority.P2));
    }

    @Test
    void nullMetadataValuesAreDropped() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("kept", 1);
        metadata.put("dropped", null);
        var submission = new TicketSubmission("chat", new CustomerSubmission("c1", null, null, null, null), null, "hi",
                null, metadata, null);

        assertThat(((Result.Valid) validator.validate(submission)).submission().metadata()).isEqualTo(Map.of("kept", 1));
    }
}
