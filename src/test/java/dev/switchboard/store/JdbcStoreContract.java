package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.access.AccessTokens;
import dev.switchboard.access.ApiKey;
import dev.switchboard.access.Role;
import dev.switchboard.access.User;
import dev.switchboard.intake.Admission;
import dev.switchboard.intake.IdempotencyKey;
import dev.switchboard.intake.IntakeOutcome;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.RoutingWeights;
import dev.switchboard.routing.Team;
import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Duplicates;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketChanged;
import dev.switchboard.ticket.TicketEdit;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketQuery;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.TicketStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's contract, written once and run against every database: each backend's test is an
 * empty subclass that says how to open its database.
 */
abstract class JdbcStoreContract {

    /** The key the stores of these tests seal secrets with (a node's configured key). */
    static final SecretSeal SEAL = new SecretSeal("a test key of thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @TempDir
    Path folder;
    HikariDataSource dataSource;
    JdbcStore store;

    abstract HikariDataSource open(Path folder);

    abstract void close(HikariDataSource dataSource);

    /** A database of this kind migrated up to the last version before V12 (ticket_states): where an upgrade starts. */
    abstract HikariDataSource openBeforeTicketStates(Path folder);

    /** Migrates a database opened with {@link #openBeforeTicketStates} the rest of the way, as a new release does at its start. */
    abstract void migrateToLatest(HikariDataSource dataSource);

    @BeforeEach
    void openStore() {
        dataSource = open(folder);
        store = new JdbcStore(new NamedParameterJdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), JsonMapper.builder().build(),
                new Duplicates(Duration.ofMinutes(5)), SEAL);
    }

    @AfterEach
    void closeStore() {
        close(dataSource);
    }

    private static Admission admission(Ticket ticket) {
        return new Admission(ticket, new Actor(Actor.Kind.API_KEY, "k1"), Optional.empty());
    }

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
        store.intakeJournal().record(stored.stream().map(JdbcStoreContract::admission).toList());
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
    void teamsAndAgentsRoundTripAndAnAgentIsAUserWhoSignsIn() {
        assertThat(store.teams().create(new Team("billing", Set.of("billing", "refunds")))).isTrue();
        assertThat(store.teams().create(new Team("billing", Set.of()))).isFalse();
        Agent agent = new Agent(Tickets.newId().value(), "ada@example.com", "Ada", "billing", Set.of("billing"), "eu", 3, true);
        store.agents().create(agent, "{noop}pw", Instant.now());

        assertThat(store.agents().find(agent.id())).contains(agent);
        assertThat(store.users().findByEmail("ada@example.com")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.AGENT));
        assertThat(store.teams().agentCount("billing")).isEqualTo(1);
        Agent moved = new Agent(agent.id(), agent.email(), "Ada L.", "billing", Set.of("billing", "bug"), "us", 5, false);
        store.agents().update(moved);
        assertThat(store.agents().list()).containsExactly(moved);
        assertThat(store.agents().delete(agent.id())).isTrue();
        assertThat(store.users().findByEmail("ada@example.com")).isEmpty();
        assertThat(store.teams().delete("billing")).isTrue();
        assertThat(store.teams().list()).isEmpty();
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

    @Test
    void eachModelsLiveFiguresCountItsTicketsMisroutesAndUnsureOnes() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket byModel = Tickets.ticket("c1", "broken").triaged(new Classification("bug", "eng", 0.9, false, "model:m1", List.of()),
                Priority.P2);
        Ticket unsure = Tickets.ticket("c2", "hm").triaged(new Classification("general_inquiry", "general", 0.3, true, "model:m1",
                List.of()), Priority.P3);
        Ticket byRule = Tickets.ticket("c3", "refund").triaged(new Classification("billing", "billing", 1, false, "rule:r", List.of()),
                Priority.P1);
        store.intakeJournal().record(List.of(admission(byModel), admission(unsure), admission(byRule)));
        TicketChanged moved = byModel.edited(new TicketEdit(Optional.empty(), Optional.empty(), Optional.of("billing"),
                Optional.of("billing"), Optional.empty()), new Actor(Actor.Kind.USER, "agent"), true, Instant.now());
        assertThat(store.ticketUpdates().save(moved)).isTrue();

        assertThat(store.learningData().of("m1", t0)).isEqualTo(new dev.switchboard.learning.LiveFigures(2, 1, 1));
        assertThat(store.learningData().of("m2", t0)).isEqualTo(dev.switchboard.learning.LiveFigures.NONE);
        assertThat(store.learningData().of("m1", Instant.now().plusSeconds(60)).decided()).isZero();
    }

    @Test
    void resolvedTicketsAreTrainingDataWithTheCategoryTheyEndedWith() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket older = Tickets.triaged("c1", "bug", Priority.P2, "older", t0);
        Ticket newer = Tickets.triaged("c2", "bug", Priority.P2, "newer", t0.plusSeconds(5));
        Ticket open = Tickets.triaged("c3", "bug", Priority.P2, "still open", t0.plusSeconds(9));
        store.intakeJournal().record(List.of(admission(older), admission(newer), admission(open)));
        Actor lead = new Actor(Actor.Kind.USER, "lead");
        for (Ticket t : List.of(older, newer)) {
            TicketChanged resolved = t.edited(new TicketEdit(Optional.of(TicketStatus.RESOLVED), Optional.empty(),
                    Optional.of(t == newer ? "billing" : "bug"), Optional.empty(), Optional.empty()), lead, false, t0.plusSeconds(20));
            assertThat(store.ticketUpdates().save(resolved)).isTrue();
        }

        assertThat(store.learningData().resolved(10)).containsExactly(
                new dev.switchboard.triage.classifier.LabeledText("newer", "billing"),
                new dev.switchboard.triage.classifier.LabeledText("older", "bug"));
        assertThat(store.learningData().resolved(1)).hasSize(1);
    }

    @Test
    void modelVersionsKeepTheirFiguresAndMoveThroughTheirStates() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        var v1 = new dev.switchboard.learning.ModelVersion("v1", dev.switchboard.learning.ModelStatus.CURRENT, 100, 0,
                Optional.of(t0), 1000, 250, 0.81, 0.85, Optional.empty(), "imported", t0, t0);
        var v2 = new dev.switchboard.learning.ModelVersion("v2", dev.switchboard.learning.ModelStatus.CANARY, 5, 0,
                Optional.of(t0.plusSeconds(60)), 1200, 300, 0.84, 0.88, Optional.of(0.80), "manual", t0.plusSeconds(60),
                t0.plusSeconds(60));
        store.modelRegistry().save(v1);
        store.modelRegistry().save(v2);
        store.modelRegistry().save(v2.moved(dev.switchboard.learning.ModelStatus.CANARY, 25, 1, t0.plusSeconds(3600)));
        store.modelRegistry().record("v2", "canary_advanced", "25 % of tickets", t0.plusSeconds(3600));

        assertThat(store.modelRegistry().all()).extracting(dev.switchboard.learning.ModelVersion::version).containsExactly("v2", "v1");
        assertThat(store.modelRegistry().find("v2").orElseThrow())
                .isEqualTo(v2.moved(dev.switchboard.learning.ModelStatus.CANARY, 25, 1, t0.plusSeconds(3600)));
        assertThat(store.modelRegistry().find("v1").orElseThrow()).isEqualTo(v1);
        assertThat(store.modelRegistry().events(10)).extracting(dev.switchboard.learning.ModelRegistry.Event::type)
                .containsExactly("canary_advanced");
    }

    @Test
    void eventsOfSubscribedTypesLeaveDeliveriesInTheirOwnTransaction() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.webhooks().subscribe(new dev.switchboard.channels.WebhookSubscription("01M8SUBSCR1PT10N000000000A", "crm",
                java.net.URI.create("https://hooks.example.com/x"), Set.of("ticket.created"), "json", "s3cret", now));
        Ticket ticket = Tickets.triaged("c1", "bug", Priority.P2, "it crashes", now);

        store.intakeJournal().record(List.of(admission(ticket)));

        var due = store.webhooks().due(now.plusSeconds(1), 10);
        assertThat(due).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("ticket.created");
            assertThat(d.payload()).contains(ticket.id().value());
        });
        var first = due.getFirst();
        assertThat(store.webhooks().claim(first.id(), first.nextAttemptAt(), now.plusSeconds(10))).isTrue();
        assertThat(store.webhooks().claim(first.id(), first.nextAttemptAt(), now.plusSeconds(10))).as("one node takes it").isFalse();
        assertThat(store.webhooks().due(now.plusSeconds(1), 10)).as("leased").isEmpty();
        store.webhooks().attempted(due.getFirst().id(), "parked", 3, now, Optional.of("HTTP 500"));
        assertThat(store.webhooks().due(now.plusSeconds(1), 10)).isEmpty();
        assertThat(store.webhooks().deliveries("parked", 10)).extracting(d -> d.lastError().orElseThrow()).containsExactly("HTTP 500");
        assertThat(store.webhooks().unsubscribe("01M8SUBSCR1PT10N000000000A")).isTrue();
        store.intakeJournal().record(List.of(admission(Tickets.triaged("c2", "bug", Priority.P2, "again", now))));
        assertThat(store.webhooks().due(now.plusSeconds(1), 10)).as("no subscription, no delivery").isEmpty();
    }

    /**
     * A signing secret is stored sealed and read back as given; one stored before sealing began is read as
     * it is and sealed in place; a store holding another key reads it as empty instead of failing.
     */
    @Test
    void webhookSigningSecretsAreStoredSealed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        store.webhooks().subscribe(new dev.switchboard.channels.WebhookSubscription("01M8SUBSCR1PT10N000000000A", "crm",
                java.net.URI.create("https://hooks.example.com/x"), Set.of(), "json", "whsec_s3cret", now));
        String stored = jdbc.queryForObject("SELECT secret FROM webhook_subscriptions WHERE id = '01M8SUBSCR1PT10N000000000A'", String.class);
        assertThat(stored).startsWith("sealed:v1:" + SEAL.keyId() + ":").doesNotContain("s3cret");
        assertThat(store.webhooks().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.secret()).isEqualTo("whsec_s3cret"));

        jdbc.update("INSERT INTO webhook_subscriptions (id, name, url, events, format, secret, created_at)"
                + " VALUES ('01M8SUBSCR1PT10N000000000B', 'old', 'https://hooks.example.com/y', '', 'json', 'whsec_plain', ?)",
                Columns.timestamp(now.plusSeconds(1)));
        assertThat(store.webhooks().subscriptions()).extracting(dev.switchboard.channels.WebhookSubscription::secret)
                .containsExactly("whsec_s3cret", "whsec_plain");
        assertThat(jdbc.queryForObject("SELECT secret FROM webhook_subscriptions WHERE id = '01M8SUBSCR1PT10N000000000B'", String.class))
                .as("sealed once read").startsWith("sealed:v1:").doesNotContain("plain");
        assertThat(store.webhooks().subscriptions()).extracting(dev.switchboard.channels.WebhookSubscription::secret)
                .containsExactly("whsec_s3cret", "whsec_plain");

        JdbcStore otherKey = new JdbcStore(new NamedParameterJdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), JsonMapper.builder().build(),
                new Duplicates(Duration.ofMinutes(5)),
                new SecretSeal("another key of thirty-two bytes!".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(otherKey.webhooks().subscriptions()).extracting(dev.switchboard.channels.WebhookSubscription::secret)
                .containsExactly("", "");
    }

    @Test
    void anOpenTicketPastItsTargetIsBreachedOnceAndAFirstReplyMeetsTheFirstResponseTarget() {
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        Ticket late = Tickets.triaged("c1", "bug", Priority.P2, "late", t0);
        Ticket answered = Tickets.triaged("c2", "bug", Priority.P2, "answered", t0);
        store.intakeJournal().record(List.of(admission(late), admission(answered)));
        Actor agent = new Actor(Actor.Kind.USER, "agent");
        Message reply = new Message(Tickets.newId().value(), answered.id(), agent, "on it", false, t0.plusSeconds(60));
        store.ticketUpdates().append(reply, new TicketEvent(answered.id(), TicketEvent.REPLIED, agent, Map.of(), reply.at()));
        var targets = Map.of(Priority.P2, Duration.ofHours(4));

        var overdue = store.deadlines().overdue(t0.plus(Duration.ofHours(5)), targets, Map.of(), 10);
        assertThat(overdue).extracting(o -> o.ticketId()).containsExactly(late.id());
        store.deadlines().breached(overdue, t0.plus(Duration.ofHours(5)));

        assertThat(store.deadlines().overdue(t0.plus(Duration.ofHours(6)), targets, Map.of(), 10)).as("once").isEmpty();
        assertThat(store.deadlines().status(late.id()).firstResponseBreached()).isTrue();
        assertThat(store.deadlines().status(answered.id()).firstResponseAt()).contains(reply.at());
        assertThat(store.tickets().history(late.id())).extracting(TicketEvent::type).contains("sla_breached");
        assertThat(store.deadlines().breachedOpenByTeam()).containsEntry("bug", 1);
    }

    @Test
    void theNewestStoredWeightsAreInForce() {
        assertThat(store.weightSettings().latest()).isEmpty();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.weightSettings().save(new RoutingWeights(0.5, 0.3, 0.2), "user:a", now);
        store.weightSettings().save(new RoutingWeights(1, 0, 0.25), "user:b", now);
        assertThat(store.weightSettings().latest()).contains(new RoutingWeights(1, 0, 0.25));
    }

    @Test
    void theNewestStoredRuleSetIsTheLatest() {
        assertThat(store.ruleSets().latest()).isEmpty();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        var first = store.ruleSets().save("rules: []", "user:a", now);
        var second = store.ruleSets().save("rules: [x]", "user:b", now);

        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(store.ruleSets().latest()).contains(second);
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

    @Test
    void usersAreFoundByEmailAndId() {
        User user = user("u1", "agent@example.com");
        store.users().create(user);

        assertThat(store.users().count(Role.AGENT)).isEqualTo(1);
        assertThat(store.users().count(Role.ADMIN)).isZero();
        assertThat(store.users().findByEmail("agent@example.com")).contains(user);
        assertThat(store.users().find("01J0000000000000000000000U")).isEmpty();
    }

    @Test
    void tokensWorkUntilTheyExpireOrAreRevoked() {
        User user = user("u1", "agent@example.com");
        store.users().create(user);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.accessTokens().store("a".repeat(64), user.id(), now, now.plusSeconds(60));

        assertThat(store.accessTokens().find("a".repeat(64), now)).contains(new AccessTokens.TokenOwner(user, now.plusSeconds(60)));
        assertThat(store.accessTokens().find("a".repeat(64), now.plusSeconds(60))).isEmpty();
        assertThat(store.accessTokens().purgeExpired(now)).isZero();
        store.accessTokens().revoke("a".repeat(64));
        assertThat(store.accessTokens().find("a".repeat(64), now)).isEmpty();
    }

    @Test
    void aRevokedApiKeyIsNoLongerActive() {
        User admin = user("u1", "admin@example.com");
        store.users().create(admin);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiKey key = new ApiKey("01J00000000000000000000KEY", "crm", "b".repeat(64), "sbk_abcdefgh", OptionalInt.of(600),
                admin.id(), now, Optional.empty());
        store.apiKeys().create(key);

        assertThat(store.apiKeys().findActive("b".repeat(64))).contains(key);
        assertThat(store.apiKeys().revoke(key.id(), now)).isTrue();
        assertThat(store.apiKeys().revoke(key.id(), now)).isFalse();
        assertThat(store.apiKeys().findActive("b".repeat(64))).isEmpty();
        assertThat(store.apiKeys().list()).singleElement().satisfies(k -> assertThat(k.revokedAt()).contains(now));
    }

    private static User user(String name, String email) {
        return new User(Tickets.newId().value(), email, name, "{noop}secret", Role.AGENT, "billing",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** A lease is one holder's until it runs out or is given up; then another may take it. */
    @Test
    void aLeaseIsOneHoldersUntilItRunsOutOrIsGivenUp() {
        JdbcLeases leases = store.leases();
        String name = "test." + java.util.UUID.randomUUID();
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        assertThat(leases.hold(name, "node-a", now.plusSeconds(60), now)).isTrue();
        assertThat(leases.hold(name, "node-b", now.plusSeconds(60), now.plusSeconds(30))).as("node a's runs").isFalse();
        assertThat(leases.hold(name, "node-a", now.plusSeconds(120), now.plusSeconds(30))).as("renewed").isTrue();
        assertThat(leases.holder(name, now.plusSeconds(90))).hasValue("node-a");
        assertThat(leases.hold(name, "node-b", now.plusSeconds(200), now.plusSeconds(90))).isFalse();

        assertThat(leases.hold(name, "node-b", now.plusSeconds(200), now.plusSeconds(120))).as("run out").isTrue();
        assertThat(leases.holder(name, now.plusSeconds(130))).hasValue("node-b");
        leases.release(name, "node-a"); // not node a's any more: nothing happens
        assertThat(leases.holder(name, now.plusSeconds(130))).hasValue("node-b");
        leases.release(name, "node-b");
        assertThat(leases.holder(name, now.plusSeconds(130))).isEmpty();
        assertThat(leases.hold(name, "node-a", now.plusSeconds(300), now.plusSeconds(130))).isTrue();
    }

    /**
     * An upgrade keeps every ticket's routing state: migration V12 moves status, holder, version and
     * last change out of the tickets row into ticket_states, and routing takes the ticket up as before.
     */
    @Test
    void upgradingKeepsEachTicketsStatusHolderAndVersion() {
        HikariDataSource old = openBeforeTicketStates(folder.resolve("before-v12"));
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

            migrateToLatest(old);

            JdbcStore upgraded = new JdbcStore(new NamedParameterJdbcTemplate(old),
                    new TransactionTemplate(new DataSourceTransactionManager(old)), JsonMapper.builder().build(),
                    new Duplicates(Duration.ofMinutes(5)), SEAL);
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
            close(old);
        }
    }
}
