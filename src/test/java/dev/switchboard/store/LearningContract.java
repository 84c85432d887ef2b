package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketChanged;
import dev.switchboard.ticket.TicketEdit;
import dev.switchboard.ticket.TicketStatus;

/** What learning reads and keeps: each model's live figures, training data, model versions. */
abstract class LearningContract extends StoreContract {

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
}
