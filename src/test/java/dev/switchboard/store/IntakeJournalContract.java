package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.switchboard.intake.Admission;
import dev.switchboard.intake.IdempotencyKey;
import dev.switchboard.intake.IntakeOutcome;
import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;

/** The intake journal: tickets stored in groups, duplicates merged, idempotency keys, customers. */
abstract class IntakeJournalContract extends StoreContract {

    private static Admission keyed(Ticket ticket, String scope, String key, String fingerprint) {
        return new Admission(ticket, new Actor(Actor.Kind.API_KEY, scope), Optional.of(new IdempotencyKey(scope, key, fingerprint)));
    }

    /** Tickets read together, more than one slice of the IN list; an unknown id is left out. */
    @Test
    void ticketsAreReadTogether() {
        List<Ticket> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            stored.add(Tickets.ticket("c" + i, "Question " + i));
        }
        store.intakeJournal().record(stored.stream().map(StoreContract::admission).toList());
        List<dev.switchboard.ticket.TicketId> wanted = new java.util.ArrayList<>(stored.stream().map(Ticket::id).toList());
        wanted.add(Tickets.newId());
        wanted.add(stored.getFirst().id());

        assertThat(store.tickets().findAll(wanted)).containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void aRecordedTicketReadsBackEqualWithItsReceivedEvent() {
        Ticket ticket = Tickets.ticket("c1", "My order never arrived");

        List<IntakeOutcome> outcomes = store.intakeJournal().record(List.of(admission(ticket)));

        assertThat(outcomes).containsExactly(new IntakeOutcome.Stored(ticket));
        assertThat(store.tickets().find(ticket.id())).contains(ticket);
        assertThat(store.tickets().history(ticket.id())).containsExactly(
                TicketEvent.received(ticket, new Actor(Actor.Kind.API_KEY, "k1")));
        assertThat(store.tickets().count()).isEqualTo(1);
    }

    @Test
    void aTriagedTicketKeepsItsDecisionAndRecordsWhoDecided() {
        Ticket ticket = Tickets.ticket("c1", "refund please").triaged(
                new Classification("billing", "billing", 0.91, false, "model:20261123T080000Z", List.of("refund")),
                Priority.P1);

        store.intakeJournal().record(List.of(admission(ticket)));

        assertThat(store.tickets().find(ticket.id())).contains(ticket);
        assertThat(store.tickets().history(ticket.id())).extracting(TicketEvent::type).containsExactly("received", "triaged");
        assertThat(store.tickets().history(ticket.id()).get(1).detail())
                .containsEntry("decidedBy", "model:20261123T080000Z").containsEntry("priority", "P1");
    }

    @Test
    void aDuplicateJoinsTheOpenTicketAsAMessageAndRaisesItsPriority() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket open = Tickets.triaged("c1", "billing", Priority.P3, "I was charged twice", t0);
        Ticket again = Tickets.triaged("c1", "billing", Priority.P1, "Still charged twice!!", t0.plusSeconds(240));
        store.intakeJournal().record(List.of(admission(open)));

        List<IntakeOutcome> outcomes = store.intakeJournal().record(List.of(admission(again)));

        Ticket joined = ((IntakeOutcome.Merged) outcomes.getFirst()).joined();
        assertThat(joined.id()).isEqualTo(open.id());
        assertThat(joined.priority()).isEqualTo(Priority.P1);
        assertThat(joined.version()).isEqualTo(1);
        assertThat(store.tickets().find(open.id())).contains(joined);
        assertThat(store.tickets().count()).isEqualTo(1);
        assertThat(store.tickets().conversation(open.id())).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("Still charged twice!!"));
        assertThat(store.tickets().history(open.id())).extracting(TicketEvent::type)
                .containsExactly("received", "triaged", "merged");
    }

    @Test
    void duplicatesInOneGroupMakeOneTicket() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        List<Admission> group = List.of(
                admission(Tickets.triaged("c1", "bug", Priority.P3, "one", t0)),
                admission(Tickets.triaged("c1", "bug", Priority.P2, "two", t0.plusSeconds(1))),
                admission(Tickets.triaged("c1", "bug", Priority.P3, "three", t0.plusSeconds(2))));

        List<IntakeOutcome> outcomes = store.intakeJournal().record(group);

        assertThat(outcomes.get(0)).isInstanceOf(IntakeOutcome.Stored.class);
        assertThat(outcomes.subList(1, 3)).allMatch(IntakeOutcome.Merged.class::isInstance);
        Ticket first = group.getFirst().ticket();
        assertThat(store.tickets().count()).isEqualTo(1);
        assertThat(store.tickets().find(first.id()).orElseThrow().priority()).isEqualTo(Priority.P2);
        assertThat(store.tickets().conversation(first.id())).extracting(m -> m.body()).containsExactly("two", "three");
    }

    @Test
    void anotherCategoryALapsedWindowOrAResolvedTicketIsNotJoined() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket open = Tickets.triaged("c1", "billing", Priority.P3, "first", t0);
        store.intakeJournal().record(List.of(admission(open)));

        var otherCategory = store.intakeJournal().record(List.of(admission(Tickets.triaged("c1", "bug", Priority.P3, "b", t0.plusSeconds(10)))));
        var otherCustomer = store.intakeJournal().record(List.of(admission(Tickets.triaged("c2", "billing", Priority.P3, "c", t0.plusSeconds(10)))));
        var lapsed = store.intakeJournal().record(List.of(admission(Tickets.triaged("c1", "billing", Priority.P3, "d", t0.plusSeconds(301)))));

        assertThat(List.of(otherCategory, otherCustomer, lapsed)).allMatch(o -> o.getFirst() instanceof IntakeOutcome.Stored);
        new NamedParameterJdbcTemplate(dataSource).getJdbcTemplate().update("UPDATE ticket_states SET status = 'RESOLVED'");
        var afterResolved = store.intakeJournal().record(List.of(admission(Tickets.triaged("c1", "billing", Priority.P3, "e", t0.plusSeconds(302)))));
        assertThat(afterResolved.getFirst()).isInstanceOf(IntakeOutcome.Stored.class);
    }

    @Test
    void aRetriedDuplicateReplaysTheTicketItJoined() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket open = Tickets.triaged("c1", "billing", Priority.P3, "first", t0);
        store.intakeJournal().record(List.of(admission(open)));
        Ticket again = Tickets.triaged("c1", "billing", Priority.P3, "again", t0.plusSeconds(5));
        store.intakeJournal().record(List.of(keyed(again, "s", "k-again", "f")));

        List<IntakeOutcome> retry = store.intakeJournal().record(
                List.of(keyed(Tickets.triaged("c1", "billing", Priority.P3, "again", t0.plusSeconds(6)), "s", "k-again", "f")));

        assertThat(retry.getFirst()).isInstanceOf(IntakeOutcome.Replayed.class);
        assertThat(((IntakeOutcome.Replayed) retry.getFirst()).ticket().id()).isEqualTo(open.id());
        assertThat(store.tickets().conversation(open.id())).hasSize(1);
    }

    @Test
    void longUnicodeTextsAtTheirLimitsSurviveTheRoundTrip() {
        String subject = "🎫".repeat(200);
        String body = "😀".repeat(50_000);
        Ticket base = Tickets.ticket("c1", body);
        Ticket ticket = new Ticket(base.id(), base.channel(), base.customer(), subject, body, base.attachments(),
                Map.of("nested", Map.of("list", List.of(1, "two", true)), "amount", 512.5), base.priority(),
                base.status(), Optional.empty(), Optional.empty(), 0, base.createdAt(), base.updatedAt());

        store.intakeJournal().record(List.of(admission(ticket)));

        assertThat(store.tickets().find(ticket.id())).contains(ticket);
    }

    @Test
    void aGroupCommitsAllOrNothing() {
        Ticket stored = Tickets.ticket("c1", "first");
        store.intakeJournal().record(List.of(admission(stored)));
        Ticket fresh = Tickets.ticket("c2", "second");

        assertThatThrownBy(() -> store.intakeJournal().record(List.of(admission(fresh), admission(stored))))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(store.tickets().find(fresh.id())).isEmpty();
        assertThat(store.tickets().count()).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameKeyAndRequestReplaysTheFirstTicket() {
        Ticket first = Tickets.ticket("c1", "hello");
        Ticket retry = Tickets.ticket("c1", "hello");
        store.intakeJournal().record(List.of(keyed(first, "api_key:k1", "key-1", "f1")));

        List<IntakeOutcome> outcomes = store.intakeJournal().record(List.of(keyed(retry, "api_key:k1", "key-1", "f1")));

        assertThat(outcomes).containsExactly(new IntakeOutcome.Replayed(first));
        assertThat(store.tickets().count()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndStoresNothing() {
        store.intakeJournal().record(List.of(keyed(Tickets.ticket("c1", "hello"), "api_key:k1", "key-1", "f1")));

        List<IntakeOutcome> outcomes = store.intakeJournal().record(
                List.of(keyed(Tickets.ticket("c1", "other"), "api_key:k1", "key-1", "f2")));

        assertThat(outcomes).containsExactly(new IntakeOutcome.KeyReused("key-1"));
        assertThat(store.tickets().count()).isEqualTo(1);
    }

    @Test
    void duplicateKeysInsideOneGroupStoreOneTicket() {
        Ticket first = Tickets.ticket("c1", "hello");
        Ticket retry = Tickets.ticket("c1", "hello");
        Ticket other = Tickets.ticket("c1", "other");

        List<IntakeOutcome> outcomes = store.intakeJournal().record(List.of(
                keyed(first, "s", "k", "f1"), keyed(retry, "s", "k", "f1"), keyed(other, "s", "k", "f2")));

        assertThat(outcomes).containsExactly(new IntakeOutcome.Stored(first), new IntakeOutcome.Replayed(first),
                new IntakeOutcome.KeyReused("k"));
        assertThat(store.tickets().count()).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheirSender() {
        List<IntakeOutcome> outcomes = store.intakeJournal().record(List.of(
                keyed(Tickets.ticket("c1", "a"), "api_key:one", "k", "f1"),
                keyed(Tickets.ticket("c1", "b"), "api_key:two", "k", "f2")));

        assertThat(outcomes).allMatch(IntakeOutcome.Stored.class::isInstance);
        assertThat(store.tickets().count()).isEqualTo(2);
    }

    @Test
    void forgottenKeysNoLongerReplay() {
        Ticket first = Tickets.ticket("c1", "hello");
        store.intakeJournal().record(List.of(keyed(first, "s", "k", "f1")));

        int forgotten = store.intakeJournal().forgetKeysBefore(first.createdAt().plusSeconds(1));
        Ticket later = Tickets.ticket("c1", "hello");
        List<IntakeOutcome> outcomes = store.intakeJournal().record(List.of(keyed(later, "s", "k", "f1")));

        assertThat(forgotten).isEqualTo(1);
        assertThat(outcomes).containsExactly(new IntakeOutcome.Stored(later));
    }

    @Test
    void aCustomerKeepsKnownDetailsWhenALaterTicketLeavesThemBlank() {
        Ticket first = Tickets.ticket("c1", "hello");
        Ticket base = Tickets.ticket("c1", "again");
        Ticket later = new Ticket(base.id(), Channel.CHAT, Customer.of("c1", "", "Renamed", "", "gold"), "", "again",
                List.of(), Map.of(), base.priority(), base.status(), Optional.empty(), Optional.empty(), 0, base.createdAt(), base.updatedAt());

        store.intakeJournal().record(List.of(admission(first), admission(later)));

        Customer customer = store.tickets().find(first.id()).orElseThrow().customer();
        assertThat(customer).isEqualTo(new Customer("c1", "c1@example.com", "Renamed", "eu", "gold"));
    }
}
