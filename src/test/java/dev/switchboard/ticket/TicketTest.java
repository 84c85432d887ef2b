package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketTest {

    private static final Customer ANN = Customer.of("", "Ann@Example.com", "Ann", "eu", "");
    private static final TicketId ID = new TicketId("01M83QQQQD1WSZRTFFYGBXF16W");

    private static Ticket received(Channel channel, Optional<Priority> asked) {
        return Ticket.received(ID, channel, ANN, "s", "b", List.of(), Map.of(), asked, Instant.EPOCH);
    }

    @ParameterizedTest(name = "{0} asking {1} gets {2}")
    @CsvSource({
            "PHONE, , P1",
            "PHONE, P4, P1",
            "EMAIL, , P3",
            "EMAIL, P2, P2",
            "CHAT, P4, P4",
    })
    void aPhoneTicketIsUrgentAndOthersKeepWhatTheyAskedFor(Channel channel, Priority asked, Priority expected) {
        assertThat(received(channel, Optional.ofNullable(asked)).priority()).isEqualTo(expected);
    }

    @Test
    void aNewTicketIsReceivedAtVersionZero() {
        Ticket ticket = received(Channel.API, Optional.empty());
        assertThat(ticket.status()).isEqualTo(TicketStatus.RECEIVED);
        assertThat(ticket.version()).isZero();
        assertThat(ticket.createdAt()).isEqualTo(ticket.updatedAt());
    }

    @ParameterizedTest
    @CsvSource({"P1, P1, P2", "P2, P1, P3", "P3, P2, P4", "P4, P3, P4"})
    void priorityMovesOneStepAndStopsAtTheEnds(Priority priority, Priority raised, Priority lowered) {
        assertThat(priority.raised()).isEqualTo(raised);
        assertThat(priority.lowered()).isEqualTo(lowered);
    }

    @Test
    void aCustomerWithoutAnIdIsKnownByTheirLowerCasedEmail() {
        assertThat(ANN.id()).isEqualTo("ann@example.com");
        assertThat(ANN.email()).isEqualTo("Ann@Example.com");
        assertThat(Customer.of(" crm-7 ", "ann@example.com", null, null, null).id()).isEqualTo("crm-7");
    }

    @Test
    void aLaterContactUpdatesOnlyTheDetailsItGives() {
        Customer later = Customer.of("ann@example.com", "", "Ann Lee", "", "gold");
        assertThat(ANN.updatedBy(later)).isEqualTo(new Customer("ann@example.com", "Ann@Example.com", "Ann Lee", "eu", "gold"));
        assertThatThrownBy(() -> ANN.updatedBy(Customer.of("bob", "", "", "", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ticketIdsAreUlids() {
        assertThat(TicketId.parse("01m83qqqqd1wszrtffygbxf16w")).contains(ID);
        assertThat(TicketId.parse("not-a-ulid")).isEmpty();
        assertThat(TicketId.parse("81M83QQQQD1WSZRTFFYGBXF16W")).as("beyond the 48-bit time range").isEmpty();
        assertThatThrownBy(() -> new TicketId("01M83QQQQD1WSZRTFFYGBXF16")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void channelsHaveLowerCaseWireNames() {
        assertThat(Channel.fromWireName("web_form")).contains(Channel.WEB_FORM);
        assertThat(Channel.fromWireName("WEB_FORM")).isEmpty();
        assertThat(Channel.EMAIL.requiresSubject()).isTrue();
        assertThat(Channel.CHAT.requiresSubject()).isFalse();
    }
    private static final Actor LEAD = new Actor(Actor.Kind.USER, "lead");
    private static final Instant LATER = Instant.EPOCH.plusSeconds(60);

    private static Ticket held(TicketStatus status, String agent) {
        Ticket triaged = received(Channel.EMAIL, Optional.empty())
                .triaged(new Classification("bug", "engineering", 0.9, false, "model:1", List.of()), Priority.P2);
        return new Ticket(triaged.id(), triaged.channel(), triaged.customer(), triaged.subject(), triaged.body(),
                triaged.attachments(), triaged.metadata(), triaged.priority(), status, triaged.classification(),
                Optional.ofNullable(agent), 3, triaged.createdAt(), triaged.updatedAt());
    }

    private static TicketEdit edit(TicketStatus status, Priority priority, String category, String team, String assignee) {
        return new TicketEdit(Optional.ofNullable(status), Optional.ofNullable(priority), Optional.ofNullable(category),
                Optional.ofNullable(team), Optional.ofNullable(assignee));
    }

    @Test
    void aChangeIsANewVersionWithAnEventForEachField() {
        TicketChanged changed = held(TicketStatus.OPEN, "ann").edited(edit(TicketStatus.PENDING, Priority.P1, null, null, null),
                LEAD, false, LATER);

        assertThat(changed.after().version()).isEqualTo(4);
        assertThat(changed.after().updatedAt()).isEqualTo(LATER);
        assertThat(changed.after().status()).isEqualTo(TicketStatus.PENDING);
        assertThat(changed.after().assignee()).contains("ann");
        assertThat(changed.events()).extracting(TicketEvent::type)
                .containsExactly(TicketEvent.REPRIORITISED, TicketEvent.STATUS_CHANGED);
    }

    @Test
    void anAgentMovingATicketToAnotherTeamIsAMisrouteAndTheTicketWaitsThere() {
        TicketChanged changed = held(TicketStatus.OPEN, "ann").edited(edit(null, null, "billing", "billing", null),
                new Actor(Actor.Kind.USER, "ann"), true, LATER);

        assertThat(changed.after().status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(changed.after().assignee()).isEmpty();
        Classification now = changed.after().classification().orElseThrow();
        assertThat(now.category()).isEqualTo("billing");
        assertThat(now.decidedBy()).isEqualTo("user:ann");
        assertThat(changed.events().getFirst().type()).isEqualTo(TicketEvent.MISROUTED);
        assertThat(changed.events().getFirst().detail()).containsEntry("fromCategory", "bug").containsEntry("toTeam", "billing");
    }

    @Test
    void aNewCategoryInTheSameTeamStaysWithItsAgent() {
        TicketChanged changed = held(TicketStatus.OPEN, "ann").edited(edit(null, null, "outage", "engineering", null),
                LEAD, false, LATER);
        assertThat(changed.after().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(changed.after().assignee()).contains("ann");
        assertThat(changed.events()).extracting(TicketEvent::type).containsExactly(TicketEvent.RECATEGORISED);
    }

    @Test
    void givingATicketToSomeoneHoldsItOpenAndQueuingItLetsItGo() {
        Ticket queued = held(TicketStatus.QUEUED, null);
        Ticket given = queued.edited(edit(null, null, null, null, "bob"), LEAD, false, LATER).after();
        assertThat(given.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(given.assignee()).contains("bob");

        Ticket back = given.edited(edit(TicketStatus.QUEUED, null, null, null, null), LEAD, false, LATER).after();
        assertThat(back.assignee()).isEmpty();
        Ticket resolved = given.edited(edit(TicketStatus.RESOLVED, null, null, null, null), LEAD, false, LATER).after();
        assertThat(resolved.assignee()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a closed ticket is final,            CLOSED, ann,  OPEN,     ,    status",
            "assigned is routing's word,          OPEN,   ann,  ASSIGNED, ,    status",
            "a resolved ticket has no assignee,   OPEN,   ann,  RESOLVED, bob, assignee",
            "open needs someone to hold it,       QUEUED, ,     OPEN,     ,    assignee",
    })
    void changesThatDoNotFitAreRefusedNamingTheField(String why, TicketStatus now, String holder, TicketStatus to,
                                                     String assignee, String field) {
        Ticket ticket = held(now, holder);
        assertThatThrownBy(() -> ticket.edited(edit(to, null, null, null, assignee), LEAD, false, LATER))
                .isInstanceOf(TicketEditRejected.class)
                .satisfies(e -> assertThat(((TicketEditRejected) e).field()).isEqualTo(field));
    }
}
