package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/** The same customer writing about the same thing, many times at once, makes one open ticket. */
class DuplicatesApiTest extends AppTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void parallelDuplicatesMergeIntoExactlyOneOpenTicket() {
        Api api = api();
        int n = 24;

        List<Api.Response> responses = IntStream.range(0, n).parallel()
                .mapToObj(i -> api.post("/api/v1/tickets", """
                        {"channel":"chat","customer":{"id":"dup-customer"},"body":"my invoice is wrong (%d)"}""".formatted(i)))
                .toList();

        assertThat(responses).allMatch(r -> r.status() == 202);
        List<String> ids = responses.stream().map(r -> r.json().get("id").asString()).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(responses.stream().filter(r -> r.json().has("merged"))).hasSize(n - 1);
        assertThat(responses).allMatch(r -> r.header("Location").equals("/api/v1/tickets/" + ids.getFirst()));
        Integer open = jdbc.queryForObject("SELECT COUNT(*) FROM tickets WHERE customer_id = 'dup-customer'", Integer.class);
        assertThat(open).isEqualTo(1);
        JsonNode ticket = api.get("/api/v1/tickets/" + ids.getFirst(), admin()).json();
        assertThat(ticket.get("messages")).hasSize(n - 1);
        assertThat(ticket.get("version").asLong()).isEqualTo(n - 1);
    }

    @Test
    void aDifferentTopicFromTheSameCustomerIsItsOwnTicket() {
        Api api = api();

        String billing = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"two-topics"},"body":"my invoice is wrong"}""").json().get("id").asString();
        String outage = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"two-topics"},"body":"and the site is down"}""").json().get("id").asString();

        assertThat(outage).isNotEqualTo(billing);
    }
}
