package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;
import tools.jackson.databind.JsonNode;

/**
 * Teams and agents through the admin API. The context is shared with other tests, and a team takes the
 * categories it claims: the teams here claim categories of their own, so no other test's tickets move.
 */
class TeamsAndAgentsApiTest extends AppTest {

    private Api.Response patch(String path, String body, String... auth) {
        return api().send("PATCH", path, "application/json", body, auth);
    }

    @Test
    void anAdminCreatesATeamAndAnAgentWhoThenSignsIn() {
        Api api = api();
        Api.Response team = api.post("/api/v1/teams", "{\"name\":\"billing-eu\",\"categories\":[\"billing_eu\"]}", admin());
        assertThat(team.status()).isEqualTo(201);
        assertThat(team.header("Location")).isEqualTo("/api/v1/teams/billing-eu");

        Api.Response agent = api.post("/api/v1/agents", """
                {"email":"Ada@Example.com","name":"Ada","password":"s3cret-pass","team":"billing-eu",
                 "skills":["billing","outage"],"region":"eu","capacity":4}""", admin());

        assertThat(agent.status()).isEqualTo(201);
        JsonNode body = agent.json();
        assertThat(body.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(body.get("capacity").asInt()).isEqualTo(4);
        assertThat(body.get("available").asBoolean()).isTrue();
        assertThat(body.has("password")).isFalse();
        assertThat(api.signIn("ada@example.com", "s3cret-pass")).hasSize(2);
        assertThat(api.get("/api/v1/agents/" + body.get("id").asString(), admin()).json().get("skills"))
                .extracting(JsonNode::asString).containsExactlyInAnyOrder("billing", "outage");
    }

    @Test
    void anAgentIsChangedInPartsAndDeletedWithItsSignIn() {
        Api api = api();
        api.post("/api/v1/teams", "{\"name\":\"ops\",\"categories\":[\"ops_incident\"]}", admin());
        api.post("/api/v1/teams", "{\"name\":\"night\",\"categories\":[\"ops_incident\"]}", admin());
        String id = api.post("/api/v1/agents", """
                {"email":"bo@example.com","name":"Bo","password":"s3cret-pass","team":"ops","skills":[],"capacity":2}""",
                admin()).json().get("id").asString();
        String[] bo = api.signIn("bo@example.com", "s3cret-pass");

        Api.Response changed = patch("/api/v1/agents/" + id, "{\"team\":\"night\",\"capacity\":5,\"available\":false}", admin());

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("team").asString()).isEqualTo("night");
        assertThat(changed.json().get("name").asString()).isEqualTo("Bo");
        assertThat(changed.json().get("available").asBoolean()).isFalse();
        assertThat(api.delete("/api/v1/teams/night", admin()).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/agents/" + id, admin()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/agents/" + id, admin()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tickets/01M83QQQQD1WSZRTFFYGBXF16W", bo).status()).as("the token died with the agent")
                .isIn(401);
        assertThat(api.delete("/api/v1/teams/night", admin()).status()).isEqualTo(204);
    }

    @Test
    void badAgentsAreRefusedNamingTheField() {
        Api api = api();
        api.post("/api/v1/teams", "{\"name\":\"support\",\"categories\":[]}", admin());
        api.post("/api/v1/agents", """
                {"email":"cy@example.com","name":"Cy","password":"s3cret-pass","team":"support","skills":[],"capacity":1}""", admin());

        Api.Response unknownTeam = api.post("/api/v1/agents", """
                {"email":"di@example.com","name":"Di","password":"s3cret-pass","team":"nope","skills":[],"capacity":1}""", admin());
        Api.Response invalid = api.post("/api/v1/agents", """
                {"email":"not-an-email","name":"","password":"short","team":"support","skills":[],"capacity":-1}""", admin());
        Api.Response invalidAndUnknownTeam = api.post("/api/v1/agents", """
                {"email":"not-an-email","name":"Di","password":"s3cret-pass","team":"nope","skills":[],"capacity":1}""", admin());
        Api.Response taken = api.post("/api/v1/agents", """
                {"email":"CY@example.com","name":"Cy","password":"s3cret-pass","team":"support","skills":[],"capacity":1}""", admin());
        Api.Response badTeam = api.post("/api/v1/teams", "{\"name\":\"Has Spaces\",\"categories\":[]}", admin());

        assertThat(unknownTeam.status()).isEqualTo(400);
        assertThat(unknownTeam.json().get("errors").get(0).get("field").asString()).isEqualTo("team");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asString())
                .contains("email", "name", "password", "capacity");
        assertThat(invalidAndUnknownTeam.json().get("errors")).as("every bad field in one answer")
                .extracting(e -> e.get("field").asString()).containsExactlyInAnyOrder("email", "team");
        assertThat(patch("/api/v1/agents/" + api.get("/api/v1/agents", admin()).json().get(0).get("id").asString(),
                "{\"team\":\"nope\",\"capacity\":-1}", admin()).json().get("errors"))
                .extracting(e -> e.get("field").asString()).containsExactlyInAnyOrder("team", "capacity");
        Api.Response blankSkill = api.post("/api/v1/agents", """
                {"email":"gy@example.com","name":"Gy","password":"s3cret-pass","team":"support","skills":[""],"capacity":1}""",
                admin());
        assertThat(blankSkill.json().get("errors").get(0).get("field").asString()).as("named as @Valid names it")
                .isEqualTo("skills[]");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(badTeam.status()).isEqualTo(400);
        // A value of another JSON type is named, not converted: 2.7 was taken as a capacity of 2, 5 as the name "5".
        Api.Response fraction = api.post("/api/v1/agents", """
                {"email":"el@example.com","name":"El","password":"s3cret-pass","team":"support","skills":[],"capacity":2.7}""",
                admin());
        Api.Response numberName = api.post("/api/v1/teams", "{\"name\":5,\"categories\":[]}", admin());
        Api.Response textCapacity = api.post("/api/v1/agents", """
                {"email":"fy@example.com","name":"Fy","password":"s3cret-pass","team":"support","skills":[],"capacity":"3"}""",
                admin());
        assertThat(List.of(fraction, numberName, textCapacity)).extracting(Api.Response::status).containsOnly(400);
        assertThat(List.of(fraction, numberName, textCapacity)).extracting(r -> r.json().get("errors").get(0).get("field").asString())
                .containsExactly("capacity", "name", "capacity");
        assertThat(api.post("/api/v1/teams", "{\"name\":\"support\",\"categories\":[]}", admin()).status()).isEqualTo(409);
    }

    @Test
    void onlyAdminsManageTeamsAndAgents() {
        Api api = api();
        String key = api.post("/api/v1/api-keys", "{\"name\":\"crm\"}", admin()).json().get("key").asString();

        assertThat(api.get("/api/v1/agents", Api.bearer(key)).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/teams", "{\"name\":\"x\",\"categories\":[]}", Api.bearer(key)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/teams").status()).isEqualTo(401);
    }

    @Test
    void aTeamTakesTheCategoriesItClaims() {
        String tag = "c" + java.util.UUID.randomUUID().toString().substring(0, 8);
        RoutedTeam.putRuleFirst(api(), admin(), """
                  - name: tier-%1$s
                    when: { customer-tier: [%1$s] }
                    then: { category: %1$s-cat }
                """.formatted(tag));
        // a customer each: the same customer's second ticket would join the first as a duplicate
        String ticket = "{\"channel\":\"chat\",\"customer\":{\"id\":\"%1$s-" + tag + "\",\"tier\":\"" + tag + "\"},\"body\":\"%1$s\"}";
        assertThat(api().post("/api/v1/tickets", ticket.formatted("first")).json().get("team").asString())
                .as("a category no team claims goes to the generalist team").isEqualTo("general");

        api().post("/api/v1/teams", "{\"name\":\"" + tag + "-team\",\"categories\":[\"" + tag + "-cat\"]}", admin());
        assertThat(api().post("/api/v1/tickets", ticket.formatted("second")).json().get("team").asString())
                .as("the next ticket after the team claimed it").isEqualTo(tag + "-team");

        patch("/api/v1/teams/" + tag + "-team", "{\"categories\":[]}", admin());
        assertThat(api().post("/api/v1/tickets", ticket.formatted("third")).json().get("team").asString()).isEqualTo("general");
    }
}
