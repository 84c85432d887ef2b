package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;

/** Notifications: the webhook outbox written with the events, sealed signing secrets, SLA breaches. */
abstract class NotificationContract extends StoreContract {

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
     * it is and sealed in place; a store holding another key reads it as empty instead of failing; a store
     * given the old key as a previous one seals them again under its new key.
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

        JdbcStore otherKey = newStore(dataSource, new SecretSeal("another key of thirty-two bytes!".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(otherKey.webhooks().subscriptions()).extracting(dev.switchboard.channels.WebhookSubscription::secret)
                .containsExactly("", "");

        // Rotating: a store given the key as a previous one reads the secrets and seals them again under its own.
        byte[] nextKey = "the next key, thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SecretSeal next = new SecretSeal(nextKey, List.of(SEAL_KEY));
        assertThat(newStore(dataSource, next).webhooks().subscriptions()).extracting(dev.switchboard.channels.WebhookSubscription::secret)
                .containsExactly("whsec_s3cret", "whsec_plain");
        assertThat(jdbc.queryForList("SELECT secret FROM webhook_subscriptions ORDER BY created_at", String.class))
                .allSatisfy(sealed -> assertThat(sealed).startsWith("sealed:v1:" + next.keyId() + ":"));
        assertThat(newStore(dataSource, new SecretSeal(nextKey))
                .webhooks().subscriptions()).extracting(dev.switchboard.channels.WebhookSubscription::secret)
                .as("the previous key is no longer needed").containsExactly("whsec_s3cret", "whsec_plain");
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
}
