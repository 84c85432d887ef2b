package dev.switchboard.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.intake.Admission;
import dev.switchboard.store.JdbcStore;
import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.SyntheticTickets;
import dev.switchboard.support.Tickets;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.triage.classifier.LabeledText;
import tools.jackson.databind.JsonNode;

/**
 * Retraining on 20,000 resolved tickets through the API while tickets keep arriving: triage does not
 * pause (every ticket sent meanwhile is accepted and decided), and the first model goes into service.
 */
@DirtiesContext // it puts a model into service, which would change every other test's triage
@TestPropertySource(properties = {"switchboard.learning.schedule=-", "switchboard.rate-limit.public-requests=100000"})
class LearningApiTest extends AppTest {

    @Autowired
    JdbcStore store;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void retrainingOnTwentyThousandResolvedTicketsLeavesTriageRunningAndServesTheNewModel() {
        List<LabeledText> texts = SyntheticTickets.generate(4_000, 7);
        assertThat(texts).hasSize(20_000);
        Instant t0 = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        List<Admission> batch = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            LabeledText text = texts.get(i);
            Ticket ticket = Ticket.received(Tickets.newId(), Channel.EMAIL, Customer.of("seed-" + i, "", "", "", ""), "",
                    text.text(), List.of(), Map.of(), Optional.empty(), t0.plusSeconds(i))
                    .triaged(new Classification(text.label(), "general", 1, false, "rule:seed", List.of()), Priority.P3);
            batch.add(new Admission(ticket, new Actor(Actor.Kind.SYSTEM, "seed"), Optional.empty()));
            if (batch.size() == 1_000) {
                store.intakeJournal().record(batch);
                batch.clear();
            }
        }
        jdbc.update("UPDATE ticket_states SET status = 'RESOLVED' WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id LIKE 'seed-%')");

        Api api = api();
        Api.Response started = api.post("/api/v1/models/retrain", "{}", admin());
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(api.post("/api/v1/models/retrain", "{}", admin()).status()).as("one training at a time").isEqualTo(409);

        // Tickets keep coming while it trains: each is accepted and decided at once.
        List<Long> acceptMillis = new ArrayList<>();
        while (job(api).get("endedAt").isNull()) {
            long sent = System.nanoTime();
            Api.Response accepted = api.post("/api/v1/tickets", """
                    {"channel":"chat","customer":{"id":"%s"},"body":"would love a dark mode please"}""".formatted(UUID.randomUUID()));
            acceptMillis.add((System.nanoTime() - sent) / 1_000_000);
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            assertThat(accepted.json().get("category").isNull()).isFalse();
        }
        acceptMillis.sort(null);
        System.out.printf("learning: %d tickets accepted and triaged while training on 20,000; accept p50 %d ms, max %d ms%n",
                acceptMillis.size(), acceptMillis.get(acceptMillis.size() / 2), acceptMillis.getLast());
        assertThat(acceptMillis).as("tickets were sent while it trained").hasSizeGreaterThan(10);

        JsonNode done = job(api);
        assertThat(done.get("outcome").asString()).startsWith("current");
        JsonNode models = api.get("/api/v1/models", admin()).json();
        JsonNode model = models.get("versions").get(0);
        assertThat(model.get("status").asString()).isEqualTo("current");
        assertThat(model.get("trainingExamples").asInt()).isEqualTo(16_000);
        assertThat(model.get("heldOutExamples").asInt()).isEqualTo(4_000);
        assertThat(model.get("macroF1").asDouble()).isGreaterThan(0.9);
        assertThat(models.get("events").get(0).get("type").asString()).isEqualTo("promoted");

        JsonNode next = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"%s"},"body":"would love a dark mode please"}""".formatted(UUID.randomUUID())).json();
        assertThat(next.get("category").asString()).isEqualTo("feature_request");
        JsonNode decided = api.get("/api/v1/tickets/" + next.get("id").asString(), admin()).json();
        assertThat(decided.get("triage").get("decidedBy").asString()).isEqualTo("model:" + model.get("version").asString());
        assertThat(api.get("/actuator/prometheus").text()).contains("switchboard_triage_predictions_total{confidence=\"sure\",model=\""
                + model.get("version").asString());
    }

    private JsonNode job(Api api) {
        return api.get("/api/v1/models/job", admin()).json();
    }

    @Test
    void onlyAdminsSeeAndSteerTheModels() {
        assertThat(api().get("/api/v1/models").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/models/nope/promote", "{}", admin()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/models", admin()).status()).isEqualTo(200);
    }
}
