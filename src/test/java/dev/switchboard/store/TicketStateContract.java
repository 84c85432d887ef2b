package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketChanged;
import dev.switchboard.ticket.TicketEdit;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketQuery;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.TicketStatus;

/** Tickets' states: routing's steps, people's changes under their version, searches, and an upgrade that moves the states. */
abstract class TicketStateContract extends StoreContract {

    @Test
    void aRoutingStepIsStoredWholeAndChangesThatNoLongerFitChangeNothing() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket ticket = Tickets.triaged("c1", "billing", Priority.P3, "route me", t0);
        store.intakeJournal().record(List.of(admission(ticket)));
        var waiting = new dev.switchboard.routing.WaitingTicket(ticket.id(), "billing", "billing", "eu", Priority.P3,
                t0.plusSeconds(3600), t0);
        // Agents' ids are ULIDs, as the column is sized for them.
        String ada = Tickets.newId().value();
        String bo = Tickets.newId().value();
        String cy = Tickets.newId().value();
        var offer = new dev.switchboard.routing.Assignment(waiting, ada, List.of(), java.util.Map.of());
        var assignments = store.assignments();
        assertThat(assignments.waiting()).extracting(u -> u.ticket().id()).containsExactly(ticket.id());

        // One step: offered to ada, then an ack from someone who does not hold it, then ada's.
        assignments.record(List.of(new dev.switchboard.routing.Assignments.Offered(offer, t0.plusSeconds(1)),
                new dev.switchboard.routing.Assignments.Acknowledged(ticket.id(), bo, t0.plusSeconds(2)),
                new dev.switchboard.routing.Assignments.Acknowledged(ticket.id(), ada, t0.plusSeconds(2))));
        Ticket open = store.tickets().find(ticket.id()).orElseThrow();
        assertThat(open.status()).isEqualTo(dev.switchboard.ticket.TicketStatus.OPEN);
        assertThat(open.assignee()).contains(ada);
        assertThat(store.tickets().history(ticket.id())).extracting(TicketEvent::type)
                .containsExactly("received", "triaged", "assigned", "acknowledged");
        assertThat(assignments.waiting()).as("held: not waiting").isEmpty();
        assertThat(assignments.unfinished()).extracting(u -> u.ticket().id()).containsExactly(ticket.id());

        // Ada's agent account is gone before a restart: routing offers her open ticket to cy, which takes it.
        var toCy = new dev.switchboard.routing.Assignment(waiting, cy, List.of(), java.util.Map.of());
        assignments.record(List.of(new dev.switchboard.routing.Assignments.Offered(toCy, t0.plusSeconds(3))));
        assertThat(store.tickets().find(ticket.id()).orElseThrow().assignee()).contains(cy);

        // Resolved by cy; a late resolution by ada and a new offer change nothing.
        assignments.record(List.of(new dev.switchboard.routing.Assignments.Finished(ticket.id(), cy, true, t0.plusSeconds(4))));
        assignments.record(List.of(new dev.switchboard.routing.Assignments.Finished(ticket.id(), ada, false, t0.plusSeconds(5)),
                new dev.switchboard.routing.Assignments.Offered(offer, t0.plusSeconds(5))));
        Ticket resolved = store.tickets().find(ticket.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(dev.switchboard.ticket.TicketStatus.RESOLVED);
        assertThat(resolved.assignee()).isEmpty();
        assertThat(store.tickets().history(ticket.id())).extracting(TicketEvent::type)
                .containsExactly("received", "triaged", "assigned", "acknowledged", "assigned", "resolved");
    }

    @Test
    void aPersonsChangeIsStoredOnlyAgainstTheVersionItWasMadeOn() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket ticket = Tickets.triaged("c1", "bug", Priority.P3, "it crashes", t0);
        store.intakeJournal().record(List.of(admission(ticket)));
        Actor lead = new Actor(Actor.Kind.USER, "lead");
        TicketEdit toP1 = new TicketEdit(Optional.empty(), Optional.of(Priority.P1), Optional.of("outage"), Optional.of("ops"),
                Optional.empty());

        TicketChanged changed = ticket.edited(toP1, lead, false, t0.plusSeconds(5));
        assertThat(store.ticketUpdates().save(changed)).isTrue();
        assertThat(store.ticketUpdates().save(changed)).as("the same change again is stale").isFalse();

        Ticket stored = store.tickets().find(ticket.id()).orElseThrow();
        assertThat(stored).isEqualTo(changed.after());
        assertThat(stored.classification().orElseThrow().team()).isEqualTo("ops");
        assertThat(store.tickets().history(ticket.id())).extracting(TicketEvent::type)
                .containsExactly("received", "triaged", "recategorised", "reprioritised");

        Message note = new Message(Tickets.newId().value(), ticket.id(), lead, "called the customer", true, t0.plusSeconds(9));
        store.ticketUpdates().append(note, new TicketEvent(ticket.id(), TicketEvent.NOTED, lead, Map.of("message", note.id()),
                note.at()));
        assertThat(store.tickets().conversation(ticket.id())).containsExactly(note);
    }

    @Test
    void aSearchFiltersPagesInQueueOrderAndShowsOnlyWhatTheCallerMaySee() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket old = Tickets.triaged("c1", "bug", Priority.P3, "The app crashes on start", t0);
        Ticket urgent = Tickets.triaged("c2", "bug", Priority.P1, "Everything is down_100% now", t0.plusSeconds(10));
        Ticket newer = Tickets.triaged("c3", "bug", Priority.P3, "crashes again", t0.plusSeconds(20));
        Ticket billing = Tickets.triaged("c4", "billing", Priority.P2, "refund", t0.plusSeconds(30));
        store.intakeJournal().record(List.of(admission(old), admission(urgent), admission(newer), admission(billing)));

        TicketQuery all = new TicketQuery(Optional.empty(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), 10);
        assertThat(store.tickets().search(all)).extracting(Ticket::id)
                .containsExactly(urgent.id(), billing.id(), old.id(), newer.id());

        TicketQuery firstPage = new TicketQuery(Optional.empty(), Set.of(), Set.of(), Set.of("bug"), Set.of(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), 2);
        List<Ticket> page = store.tickets().search(firstPage);
        assertThat(page).extracting(Ticket::id).containsExactly(urgent.id(), old.id());
        TicketQuery secondPage = new TicketQuery(Optional.empty(), Set.of(), Set.of(), Set.of("bug"), Set.of(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.of(TicketQuery.Position.of(page.getLast())), 2);
        assertThat(store.tickets().search(secondPage)).extracting(Ticket::id).containsExactly(newer.id());

        TicketQuery words = new TicketQuery(Optional.empty(), Set.of(TicketStatus.QUEUED), Set.of(Priority.P3), Set.of(), Set.of(),
                Set.of(), Optional.of(false), Optional.of("CRASHES app"), Optional.empty(), 10);
        assertThat(store.tickets().search(words)).extracting(Ticket::id).containsExactly(old.id());
        TicketQuery wildcard = new TicketQuery(Optional.empty(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(),
                Optional.of("_100%"), Optional.empty(), 10);
        assertThat(store.tickets().search(wildcard)).as("% and _ are literal").extracting(Ticket::id).containsExactly(urgent.id());

        TicketQuery billingTeam = new TicketQuery(Optional.of(new TicketQuery.Visibility("billing", Optional.empty())), Set.of(),
                Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), 10);
        assertThat(store.tickets().search(billingTeam)).extracting(Ticket::id).containsExactly(billing.id());
    }

    /**
     * An upgrade keeps every ticket's routing state: migration V12 moves status, holder, version and
     * last change out of the tickets row into ticket_states, and routing takes the ticket up as before.
     */
    @Test
    void upgradingKeepsEachTicketsStatusHolderAndVersion() {
        HikariDataSource old = database().openBeforeTicketStates(folder.resolve("before-v12"));
        try {
            var jdbc = new org.springframework.jdbc.core.JdbcTemplate(old);
            Instant created = Instant.parse("2026-11-30T09:00:00Z");
            Instant changed = created.plusSeconds(90);
            String agent = "01JZ8Q3V6N4M2K1H0G9F8E7D6D";
            jdbc.update("INSERT INTO customers (id, email, name, region, tier, created_at, updated_at)"
                    + " VALUES ('c1', 'ada@example.com', 'Ada', 'eu', 'standard', ?, ?)", Columns.timestamp(created), Columns.timestamp(created));
            String insert = "INSERT INTO tickets (id, customer_id, channel, subject, body, attachments, metadata, priority, status, version,"
                    + " created_at, updated_at, category, team, confidence, needs_human_review, decided_by, tags, assignee)"
                    + " VALUES (?, 'c1', 'API', 'Charged twice', 'Please refund', '[]', '{}', 'P2', ?, ?, ?, ?,"
                    + " 'billing', 'billing', 0.9, FALSE, 'rule:billing', '[]', ?)";
            jdbc.update(insert, "01JZ8Q3V6N4M2K1H0G9F8E7D6C", "OPEN", 3, Columns.timestamp(created), Columns.timestamp(changed), agent);
            jdbc.update(insert, "01JZ8Q3V6N4M2K1H0G9F8E7D6E", "RESOLVED", 5, Columns.timestamp(created), Columns.timestamp(changed), null);

            database().migrateToLatest(old);

            JdbcStore upgraded = newStore(old, SEAL);
            Ticket held = upgraded.tickets().find(new TicketId("01JZ8Q3V6N4M2K1H0G9F8E7D6C")).orElseThrow();
            assertThat(held.status()).isEqualTo(TicketStatus.OPEN);
            assertThat(held.assignee()).contains(agent);
            assertThat(held.version()).isEqualTo(3);
            assertThat(held.updatedAt()).isEqualTo(changed);
            assertThat(upgraded.tickets().find(new TicketId("01JZ8Q3V6N4M2K1H0G9F8E7D6E")).orElseThrow().status())
                    .isEqualTo(TicketStatus.RESOLVED);
            assertThat(upgraded.assignments().unfinished()).singleElement().satisfies(u -> {
                assertThat(u.ticket().id()).isEqualTo(held.id());
                assertThat(u.acknowledged()).isTrue();
                assertThat(u.assignee()).contains(agent);
            });
        } finally {
            database().close(old);
        }
    }
}
