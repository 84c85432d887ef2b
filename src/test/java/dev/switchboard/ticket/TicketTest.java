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
}
