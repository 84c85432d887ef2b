package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import dev.switchboard.support.StreamClient;
import tools.jackson.databind.JsonNode;

/** The workspace's ticket API: lists, optimistic locking, and changes that routing follows at once. */
@TestPropertySource(properties = "switchboard.auth.sign-ins-per-minute=1000")
class TicketApiTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private RoutedTeam team;

    @BeforeEach
    void aTeamOfItsOwn() {
        team = new RoutedTeam(api(), admin());
    }

    private Api.Response patch(String id, String etag, String json, String[] who) {
        String[] headers = etag == null ? who : Api.join(who, "If-Match", etag);
        return api().send("PATCH", "/api/v1/tickets/" + id, "application/json", json, headers);
    }

    private String etag(String id) {
        return api().get("/api/v1/tickets/" + id, admin()).header("ETag");
    }

    @Test
    void aListPagesThroughATeamsTicketsInQueueOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(team.postTicket());
        }
        String urgent = ids.get(3);
        assertThat(patch(urgent, etag(urgent), "{\"priority\":\"P1\"}", admin()).status()).isEqualTo(200);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api().get("/api/v1/tickets?team=" + team.name() + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin()).json();
            page.get("items").forEach(item -> listed.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>(ids);
        expected.remove(urgent);
        expected.addFirst(urgent); // P1 first, then the P3 ones oldest first
        assertThat(listed).containsExactlyElementsOf(expected);

        assertThat(api().get("/api/v1/tickets?team=" + team.name() + "&priority=P1", admin()).json().get("items"))
                .extracting(t -> t.get("id").asString()).containsExactly(urgent);
        assertThat(api().get("/api/v1/tickets?team=" + team.name() + "&q=HELLO%20question", admin()).json().get("items"))
                .hasSize(5);
        assertThat(api().get("/api/v1/tickets?team=" + team.name() + "&q=goodbye", admin()).json().get("items")).isEmpty();
    }

    @Test
    void badFiltersAreNamed() {
        Api.Response bad = api().get("/api/v1/tickets?status=sleeping&limit=0&cursor=nonsense&needs_human_review=maybe", admin());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("status", "limit", "cursor", "needs_human_review");
    }

    @Test
    void aParameterThatIsNotUtf8IsNamedNotAServerError() {
        // %C3 opens a two-byte UTF-8 sequence that %28 does not continue: the container cannot decode it.
        Api.Response bad = api().get("/api/v1/tickets?cursor=%C3%28", admin());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactly("cursor");
    }

    @Test
    void aChangeNeedsTheVersionItWasMadeAgainst() {
        String id = team.postTicket();
        Api.Response read = api().get("/api/v1/tickets/" + id, admin());
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"" + read.json().get("version").asLong() + "\"");

        Api.Response missing = patch(id, null, "{\"priority\":\"P2\"}", admin());
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.json().get("detail").asString()).contains("If-Match");

        Api.Response changed = patch(id, etag, "{\"priority\":\"P2\"}", admin());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("priority").asString()).isEqualTo("P2");
        assertThat(changed.header("ETag")).isNotEqualTo(etag);

        Api.Response stale = patch(id, etag, "{\"priority\":\"P4\"}", admin());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("id").asString()).as("the current ticket is the body").isEqualTo(id);
        assertThat(stale.json().get("priority").asString()).isEqualTo("P2");
        assertThat(stale.header("ETag")).isEqualTo(changed.header("ETag"));
        assertThat(team.ticket(id).get("priority").asString()).as("the stale change was not made").isEqualTo("P2");
    }

    @Test
    void changesThatCannotBeAreNamed() {
        String id = team.postTicket();
        Api.Response badValue = patch(id, etag(id), "{\"status\":\"assigned\",\"priority\":\"P9\"}", admin());
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("status", "priority");

        Api.Response nothing = patch(id, etag(id), "{}", admin());
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactly("$");

        Api.Response nobody = patch(id, etag(id), "{\"status\":\"open\"}", admin());
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.json().get("errors").get(0).get("field").asString()).isEqualTo("assignee");

        Api.Response unknownAgent = patch(id, etag(id), "{\"assignee\":\"01HZZZZZZZZZZZZZZZZZZZZZZZ\"}", admin());
        assertThat(unknownAgent.status()).isEqualTo(422);
        assertThat(unknownAgent.json().get("errors").get(0).get("field").asString()).isEqualTo("assignee");

        assertThat(patch(id, etag(id), "{\"status\":\"closed\"}", admin()).status()).isEqualTo(200);
        Api.Response closed = patch(id, etag(id), "{\"status\":\"open\"}", admin());
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.json().get("detail").asString()).contains("final");
        assertThat(patch("01HZZZZZZZZZZZZZZZZZZZZZZZ", "\"0\"", "{\"status\":\"open\"}", admin()).status()).isEqualTo(404);
    }

    @Test
    void resolvingThroughTheApiFreesTheAgentForTheNextTicket() {
        String token = team.agent("solo", 1);
        String[] agent = Api.bearer(token);
        try (StreamClient solo = StreamClient.connect(port, token)) {
            solo.next("welcome", WAIT);
            String first = team.postTicket();
            String second = team.postTicket();
            assertThat(solo.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(first);
            solo.ack(first);
            await().atMost(WAIT).until(() -> team.ticket(first).get("status").asString().equals("open"));

            Api.Response resolved = patch(first, etag(first), "{\"status\":\"resolved\"}", agent);
            assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);
            assertThat(resolved.json().get("status").asString()).isEqualTo("resolved");
            assertThat(resolved.json().get("assignee").isNull()).isTrue();

            assertThat(solo.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(second);
            assertThat(team.ticket(first).get("events")).extracting(e -> e.get("type").asString()).contains("status_changed");
        }
    }

    @Test
    void anAgentWhoMovesATicketToAnotherTeamRecordsAMisrouteAndLetsItGo() {
        RoutedTeam other = new RoutedTeam(api(), admin());
        String token = team.agent("mover");
        String otherToken = other.agent("receiver");
        try (StreamClient mover = StreamClient.connect(port, token);
             StreamClient receiver = StreamClient.connect(port, otherToken)) {
            mover.next("welcome", WAIT);
            receiver.next("welcome", WAIT);
            String id = team.postTicket();
            mover.next("assignment", WAIT);
            mover.ack(id);
            await().atMost(WAIT).until(() -> team.ticket(id).get("status").asString().equals("open"));

            double pushedBefore = metric("switchboard_routing_accepted_to_pushed_seconds_count");
            Api.Response moved = patch(id, etag(id), "{\"team\":\"" + other.name() + "\"}", Api.bearer(token));
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);
            assertThat(moved.json().get("triage").get("team").asString()).isEqualTo(other.name());

            assertThat(receiver.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
            assertThat(metric("switchboard_routing_accepted_to_pushed_seconds_count") - pushedBefore)
                    .as("offered again, not timed again").isZero();
            assertThat(mover.receives("withdrawn", Duration.ofMillis(500))).as("their own move needs no telling").isFalse();
            JsonNode misroute = other.ticket(id).get("events").valueStream()
                    .filter(e -> e.get("type").asString().equals("misrouted")).findFirst().orElseThrow();
            assertThat(misroute.get("detail").get("fromTeam").asString()).isEqualTo(team.name());
            assertThat(misroute.get("detail").get("toTeam").asString()).isEqualTo(other.name());
        }
    }

    @Test
    void aLeadGivesATicketToAnAgentWhoGetsItAtOnce() {
        String holderToken = team.agent("holder");
        String takerToken = team.agent("taker");
        String takerId = team.idOf(takerToken);
        String[] lead = team.lead("lead");
        try (StreamClient holder = StreamClient.connect(port, holderToken)) {
            holder.next("welcome", WAIT);
            String id = team.postTicket();
            holder.next("assignment", WAIT);
            try (StreamClient taker = StreamClient.connect(port, takerToken)) {
                taker.next("welcome", WAIT);
                double pushedBefore = metric("switchboard_routing_accepted_to_pushed_seconds_count");

                Api.Response given = patch(id, etag(id), "{\"assignee\":\"" + takerId + "\"}", lead);
                assertThat(given.status()).as(given.text()).isEqualTo(200);
                assertThat(given.json().get("status").asString()).isEqualTo("open");
                assertThat(given.json().get("assignee").asString()).isEqualTo(takerId);

                assertThat(taker.next("assignment", WAIT).get("ticket").get("id").asString()).isEqualTo(id);
                assertThat(holder.next("withdrawn", WAIT).get("ticketId").asString()).isEqualTo(id);
                assertThat(metric("switchboard_routing_accepted_to_pushed_seconds_count") - pushedBefore)
                        .as("a person's decision is not timed as the ticket's way from intake").isZero();
            }
        }
    }

    @Test
    void repliesAndNotesJoinTheConversation() {
        String token = team.agent("writer");
        String[] agent = Api.bearer(token);
        try (StreamClient writer = StreamClient.connect(port, token)) {
            writer.next("welcome", WAIT);
            String id = team.postTicket();
            writer.next("assignment", WAIT);
            writer.ack(id);
            await().atMost(WAIT).until(() -> team.ticket(id).get("status").asString().equals("open"));

            Api.Response reply = api().post("/api/v1/tickets/" + id + "/messages", "{\"body\":\"Thanks, looking into it.\"}", agent);
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            Api.Response note = api().post("/api/v1/tickets/" + id + "/messages",
                    "{\"body\":\"customer is on the old plan\",\"internal\":true}", agent);
            assertThat(note.status()).isEqualTo(201);
            assertThat(api().post("/api/v1/tickets/" + id + "/messages", "{\"body\":\"  \"}", agent).status()).isEqualTo(400);
            // A misspelt "internal" is refused, not ignored: the note would have gone to the customer as a reply.
            Api.Response misspelt = api().post("/api/v1/tickets/" + id + "/messages",
                    "{\"body\":\"customer is difficult\",\"internl\":true}", agent);
            assertThat(misspelt.status()).isEqualTo(400);
            assertThat(misspelt.json().get("errors").get(0).get("field").asString()).isEqualTo("internl");
            assertThat(misspelt.json().get("errors").get(0).get("message").asString()).isEqualTo("is not a field of this request");

            JsonNode ticket = api().get("/api/v1/tickets/" + id, agent).json();
            assertThat(ticket.get("messages")).extracting(m -> m.get("body").asString() + "/" + m.get("internal").asBoolean())
                    .containsExactly("Thanks, looking into it./false", "customer is on the old plan/true");
            assertThat(ticket.get("events")).extracting(e -> e.get("type").asString()).contains("replied", "noted");
        }
    }
}
