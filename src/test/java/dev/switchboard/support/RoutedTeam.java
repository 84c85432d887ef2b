package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;

import tools.jackson.databind.JsonNode;

/**
 * A team of its own on a running server, so that no test's tickets reach another test's agents: a
 * rule put first sends every customer of tier {@code <team>} to team {@code <team>}.
 */
public final class RoutedTeam {

    private final Api api;
    private final String[] admin;
    private final String name;

    public RoutedTeam(Api api, String[] admin) {
        this(api, admin, name -> true);
    }

    /** A team whose random name {@code accepted} takes (a name whose Kafka partition is another node's, say). */
    public RoutedTeam(Api api, String[] admin, java.util.function.Predicate<String> accepted) {
        this.api = api;
        this.admin = admin;
        String candidate;
        do {
            candidate = "t" + UUID.randomUUID().toString().substring(0, 8);
        } while (!accepted.test(candidate));
        this.name = candidate;
        api.post("/api/v1/teams", "{\"name\":\"" + name + "\",\"categories\":[]}", admin); // its tickets come by the rule
        putRuleFirst(api, admin, """
                  - name: tier-%1$s
                    when: { customer-tier: [%1$s] }
                    then: { team: %1$s, category: general_inquiry }
                """.formatted(name));
    }

    /** Puts a rule (YAML of one list item, indented as in the set) before all others in the server's rule set. */
    public static void putRuleFirst(Api api, String[] admin, String rule) {
        String current = api.get("/api/v1/triage/rules", admin).json().get("yaml").asString();
        String yaml = current.replaceFirst("rules:\\s*\\n", "rules:\n" + Matcher.quoteReplacement(rule));
        Api.Response put = api.send("PUT", "/api/v1/triage/rules", "application/yaml", yaml, admin);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
    }

    public String name() {
        return name;
    }

    /** Creates an agent of this team (capacity 3) and signs them in: their bearer token. */
    public String agent(String agentName) {
        return agent(agentName, 3);
    }

    public String agent(String agentName, int capacity) {
        String email = agentName + "-" + name + "@example.com";
        JsonNode created = api.post("/api/v1/agents", """
                {"email":"%s","name":"%s","password":"agent-password","team":"%s","skills":["general_inquiry"],"capacity":%d}"""
                .formatted(email, agentName, name, capacity), admin).json();
        assertThat(created.has("id")).as(created.toString()).isTrue();
        return api.signIn(email, "agent-password")[1].substring("Bearer ".length());
    }

    /** The user id of a signed-in agent. */
    public String idOf(String token) {
        return api.get("/api/v1/agents/me", Api.bearer(token)).json().get("id").asString();
    }

    /** Creates a lead of this team and signs them in: their bearer header pair. */
    public String[] lead(String leadName) {
        String email = leadName + "-" + name + "@example.com";
        Api.Response created = api.post("/api/v1/users", """
                {"email":"%s","name":"%s","password":"lead-password","role":"lead","team":"%s"}"""
                .formatted(email, leadName, name), admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return api.signIn(email, "lead-password");
    }

    /** Posts a ticket that triage sends to this team: its id. */
    public String postTicket() {
        return postTicket("hello, a question");
    }

    /** A chat ticket with this body from a new customer of the team's tier: accepted, triaged to the team; its id. */
    public String postTicket(String body) {
        Api.Response accepted = api.post("/api/v1/tickets", Api.JSON.createObjectNode().put("channel", "chat").put("body", body)
                .set("customer", Api.JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("tier", name))
                .toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.json().get("team").asString()).isEqualTo(name);
        return accepted.json().get("id").asString();
    }

    /** The ticket as an admin sees it. */
    public JsonNode ticket(String id) {
        return api.get("/api/v1/tickets/" + id, admin).json();
    }
}
