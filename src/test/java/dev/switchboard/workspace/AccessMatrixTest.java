package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;

/**
 * Every role against every workspace endpoint, on a ticket of their own team and one of another team.
 * A ticket of another team answers 404, exactly like one that does not exist: its existence is never
 * revealed. Each cell says what the design promises; the test names every cell that differs.
 */
@TestPropertySource(properties = "switchboard.auth.sign-ins-per-minute=1000")
class AccessMatrixTest extends AppTest {

    private static final List<String> ROLES = List.of("admin", "leadA", "holderA", "agentA", "agentB", "leadB", "integration");

    @Test
    void eachRoleGetsWhatTheDesignPromisesAndNoOtherTeamsTicketIsRevealed() {
        Api api = api();
        RoutedTeam a = new RoutedTeam(api, admin());
        RoutedTeam b = new RoutedTeam(api, admin());
        String holderToken = a.agent("holder");
        Map<String, String[]> who = new LinkedHashMap<>();
        who.put("admin", admin());
        who.put("leadA", a.lead("lead"));
        who.put("holderA", Api.bearer(holderToken));
        who.put("agentA", Api.bearer(a.agent("teammate")));
        who.put("agentB", Api.bearer(b.agent("stranger")));
        who.put("leadB", b.lead("lead"));
        who.put("integration", Api.bearer(api.post("/api/v1/api-keys", "{\"name\":\"crm\"}", admin()).json().get("key").asString()));

        String ticketA = a.postTicket();
        String ticketB = b.postTicket();
        Api.Response held = api.send("PATCH", "/api/v1/tickets/" + ticketA, "application/json",
                "{\"assignee\":\"" + a.idOf(holderToken) + "\"}", Api.join(admin(), "If-Match", etag(ticketA)));
        assertThat(held.status()).as(held.text()).isEqualTo(200);

        SoftAssertions cells = new SoftAssertions();
        // role order:                                   admin leadA holderA agentA agentB leadB integration
        expect(cells, who, "GET own team's ticket", (role, h) -> api.get("/api/v1/tickets/" + ticketA, h).status(),
                200, 200, 200, 200, 404, 404, 200);
        expect(cells, who, "GET other team's ticket", (role, h) -> api.get("/api/v1/tickets/" + ticketB, h).status(),
                200, 404, 404, 404, 200, 200, 200);
        expect(cells, who, "GET list", (role, h) -> api.get("/api/v1/tickets", h).status(),
                200, 200, 200, 200, 200, 200, 200);
        expect(cells, who, "team A's tickets listed", (role, h) -> api.get("/api/v1/tickets?team=" + a.name(), h)
                        .json().get("items").size(),
                1, 1, 1, 1, 0, 0, 1);
        expect(cells, who, "free text finds team A's ticket", (role, h) -> api.get("/api/v1/tickets?q=hello", h)
                        .json().get("items").valueStream().anyMatch(t -> t.get("id").asString().equals(ticketA)) ? 1 : 0,
                1, 1, 1, 1, 0, 0, 1);
        expect(cells, who, "PATCH own team's ticket", (role, h) -> api.send("PATCH", "/api/v1/tickets/" + ticketA,
                        "application/json", "{\"priority\":\"" + (role.length() % 2 == 0 ? "P2" : "P3") + "\"}",
                        Api.join(h, "If-Match", etag(ticketA))).status(),
                200, 200, 200, 403, 404, 404, 403);
        expect(cells, who, "PATCH other team's ticket", (role, h) -> api.send("PATCH", "/api/v1/tickets/" + ticketB,
                        "application/json", "{\"priority\":\"P2\"}", Api.join(h, "If-Match", etag(ticketB))).status(),
                200, 404, 404, 404, 200, 200, 403); // agentB may correct a ticket waiting in their queue
        expect(cells, who, "resolve other team's waiting ticket", (role, h) -> api.send("PATCH", "/api/v1/tickets/" + ticketB,
                        "application/json", "{\"status\":\"pending\"}", Api.join(h, "If-Match", etag(ticketB))).status(),
                422, 404, 404, 404, 403, 422, 403); // nobody holds it: pending needs an assignee; agents must take it first
        expect(cells, who, "POST message on own team's ticket", (role, h) -> api.post("/api/v1/tickets/" + ticketA
                        + "/messages", "{\"body\":\"from " + role + "\"}", h).status(),
                201, 201, 201, 403, 404, 404, 403);
        expect(cells, who, "POST message on other team's ticket", (role, h) -> api.post("/api/v1/tickets/" + ticketB
                        + "/messages", "{\"body\":\"from " + role + "\"}", h).status(),
                201, 404, 404, 404, 403, 201, 403);
        expect(cells, who, "GET own team's ticket's files", (role, h) -> api.get("/api/v1/tickets/" + ticketA + "/attachments", h)
                        .status(),
                200, 200, 200, 200, 404, 404, 200);
        expect(cells, who, "GET other team's ticket's files", (role, h) -> api.get("/api/v1/tickets/" + ticketB + "/attachments", h)
                        .status(),
                200, 404, 404, 404, 200, 200, 200);
        expect(cells, who, "GET teams (admin API)", (role, h) -> api.get("/api/v1/teams", h).status(),
                200, 403, 403, 403, 403, 403, 403);
        expect(cells, who, "GET users (admin API)", (role, h) -> api.get("/api/v1/users", h).status(),
                200, 403, 403, 403, 403, 403, 403);
        expect(cells, who, "GET dead letters (admin API)", (role, h) -> api.get("/api/v1/backbone/dead-letters", h).status(),
                200, 403, 403, 403, 403, 403, 403);
        expect(cells, who, "POST replay of a dead letter (admin API; none in-process)", (role, h) -> api.post(
                        "/api/v1/backbone/dead-letters/0/replay", "", h).status(),
                404, 403, 403, 403, 403, 403, 403);
        expect(cells, who, "GET agents/me", (role, h) -> api.get("/api/v1/agents/me", h).status(),
                403, 403, 200, 200, 200, 403, 403);
        cells.assertThat(api.get("/api/v1/tickets").status()).as("no credentials").isEqualTo(401);
        cells.assertThat(api.get("/api/v1/tickets/" + ticketA).status()).as("no credentials").isEqualTo(401);
        cells.assertThat(api.get("/api/v1/tickets/" + ticketA + "/attachments").status()).as("no credentials").isEqualTo(401);
        cells.assertAll();
    }

    private String etag(String id) {
        return api().get("/api/v1/tickets/" + id, admin()).header("ETag");
    }

    private static void expect(SoftAssertions cells, Map<String, String[]> who, String endpoint,
                               BiFunction<String, String[], Integer> call, int... byRole) {
        for (int i = 0; i < ROLES.size(); i++) {
            String role = ROLES.get(i);
            cells.assertThat(call.apply(role, who.get(role))).as("%s as %s", endpoint, role).isEqualTo(byRole[i]);
        }
    }
}
