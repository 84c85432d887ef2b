package dev.switchboard.triage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.web.FieldProblem;
import dev.switchboard.web.InvalidRequestException;

/**
 * What triage would decide, without opening a ticket: for admins trying a rule set on sample tickets,
 * and for sizing teams (the bench staffs each team by the share of tickets triage sends it). Up to
 * 1,000 tickets a call; nothing is stored and no metric counts them.
 */
@RestController
public class TriagePreviewController {

    /** Previews are never stored: one fixed id does for all. */
    private static final TicketId PREVIEW = new TicketId("00000000000000000000000000");

    private final TriageStage triage;
    private final Clock clock;

    public TriagePreviewController(TriageStage triage, Clock clock) {
        this.triage = triage;
        this.clock = clock;
    }

    /** A ticket's customer as {@code POST /api/v1/tickets} takes it; who they are does not change triage's decision. */
    @JsonIgnoreProperties({"id", "email", "name"})
    public record SampleCustomer(@Size(max = 100) String tier, @Size(max = 100) String region) {
    }

    /** A ticket as {@code POST /api/v1/tickets} takes it; its attachments and requested priority do not change the decision. */
    @JsonIgnoreProperties({"attachments", "priority"})
    public record Sample(@NotBlank String channel, @Size(max = 1_000) String subject, @NotBlank @Size(max = 65_536) String body,
                         @Valid SampleCustomer customer, Map<String, Object> metadata) {
    }

    public record PreviewRequest(@NotNull @NotEmpty @Size(max = 1_000) List<@Valid @NotNull Sample> tickets) {
    }

    public record Decision(String category, String team, String priority, double confidence, boolean needsHumanReview,
                           String decidedBy, List<String> tags) {
    }

    public record PreviewResponse(List<Decision> decisions) {
    }

    @PostMapping("/api/v1/triage/preview")
    public PreviewResponse preview(@Valid @RequestBody PreviewRequest request) {
        List<Decision> decisions = new java.util.ArrayList<>(request.tickets().size());
        for (int i = 0; i < request.tickets().size(); i++) {
            Sample sample = request.tickets().get(i);
            int index = i;
            Channel channel = Channel.fromWireName(sample.channel()).orElseThrow(() -> new InvalidRequestException(List.of(
                    new FieldProblem("tickets[" + index + "].channel", "must be one of " + java.util.Arrays.stream(Channel.values())
                            .map(Channel::wireName).toList()))));
            SampleCustomer c = Optional.ofNullable(sample.customer()).orElse(new SampleCustomer("", ""));
            Ticket ticket = Ticket.received(PREVIEW, channel, Customer.of("preview", "", "", c.region(), c.tier()),
                    Optional.ofNullable(sample.subject()).orElse(""), sample.body(), List.of(),
                    Optional.ofNullable(sample.metadata()).orElse(Map.of()), Optional.empty(), clock.instant());
            TriageDecision d = triage.preview(ticket);
            var k = d.classification();
            decisions.add(new Decision(k.category(), k.team(), d.priority().name(), k.confidence(), k.needsHumanReview(),
                    k.decidedBy(), k.tags()));
        }
        return new PreviewResponse(decisions);
    }
}
