package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/** Triage end to end, without a trained model: the rules decide and triage reports itself degraded. */
@DirtiesContext
class TriageApiTest extends AppTest {

    private Api.Response putRules(String yaml, String... auth) {
        return api().send("PUT", "/api/v1/triage/rules", "application/yaml", yaml, auth);
    }

    @Test
    void aBigRefundIsBillingAndUrgentAndSaysWhichRuleDecided() {
        Api api = api();

        Api.Response accepted = api.post("/api/v1/tickets", """
                {"channel":"email","customer":{"email":"ann@example.com"},"subject":"Refund for order 1234",
                 "body":"Please refund me.","metadata":{"orderValue":700}}""");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("category").asString()).isEqualTo("billing");
        assertThat(accepted.json().get("team").asString()).isEqualTo("billing");
        assertThat(accepted.json().get("priority").asString()).isEqualTo("P1");
        assertThat(accepted.json().get("status").asString()).isEqualTo("queued");
        JsonNode ticket = api.get(accepted.header("Location"), admin()).json();
        assertThat(ticket.get("triage").get("decidedBy").asString()).isEqualTo("rule:big-refunds-are-urgent");
        assertThat(ticket.get("triage").get("needsHumanReview").asBoolean()).isFalse();
        assertThat(ticket.get("events").get(1).get("type").asString()).isEqualTo("triaged");
    }

    @Test
    void withoutAModelTheKeywordRulesDecideAsFallback() {
        Api api = api();

        Api.Response accepted = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"c-9"},"body":"The site is down, nothing loads"}""");
        Api.Response nothingKnown = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"c-10"},"body":"hello"}""");

        JsonNode triage = api.get(accepted.header("Location"), admin()).json().get("triage");
        assertThat(triage.get("category").asString()).isEqualTo("outage");
        assertThat(triage.get("team").asString()).isEqualTo("operations");
        assertThat(triage.get("decidedBy").asString()).isEqualTo("fallback:outage-words");
        JsonNode fallbackPool = api.get(nothingKnown.header("Location"), admin()).json().get("triage");
        assertThat(fallbackPool.get("decidedBy").asString()).isEqualTo("default");
        assertThat(fallbackPool.get("team").asString()).isEqualTo("general");
        assertThat(fallbackPool.get("needsHumanReview").asBoolean()).isTrue();
    }

    @Test
    void triageIsDegradedNotDownAndCountsItsDecisions() {
        Api api = api();
        api.post("/api/v1/tickets", "{\"channel\":\"chat\",\"customer\":{\"id\":\"c-1\"},\"body\":\"invoice wrong\"}");

        Api.Response health = api.get("/actuator/health", admin());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
        assertThat(health.json().get("components").get("triage").get("details").get("classifier").asString()).isEqualTo("absent");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").text())
                .contains("switchboard_triage_decisions_total{review=\"false\",source=\"fallback\"}");
    }

    @Test
    void adminsReplaceTheRulesAndABadSetChangesNothing() {
        Api api = api();
        JsonNode inForce = api.get("/api/v1/triage/rules", admin()).json();
        long before = inForce.get("rules").asLong();
        try {
            replaceAndRefuse(api, before);
        } finally {
            putRules(inForce.get("yaml").asString(), admin()); // the other tests expect the bundled rules
        }
    }

    private void replaceAndRefuse(Api api, long before) {
        Api.Response refused = putRules("""
                rules:
                  - name: broken
                    when: { channel: [fax] }
                    then: { priority: P0 }
                """, admin());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asString())
                .contains("rule 'broken': when.channel", "rule 'broken': then.priority");
        assertThat(refused.json().get("detail").asString()).isEqualTo(refused.json().get("errors").size() + " problems; the rules in force are unchanged");
        assertThat(api.get("/api/v1/triage/rules", admin()).json().get("rules").asLong()).isEqualTo(before);
        assertThat(putRules("rules:\n  - name: [unclosed\n", admin()).json().get("detail").asString())
                .isEqualTo("1 problem; the rules in force are unchanged");

        Api.Response replaced = putRules("""
                rules:
                  - name: vip-customers-first
                    when: { customer-tier: [platinum] }
                    then: { team: vip, category: general_inquiry, priority: P1 }
                """, admin());
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("version").asLong()).isPositive();

        Api.Response vip = api.post("/api/v1/tickets", """
                {"channel":"chat","customer":{"id":"c-vip","tier":"Platinum"},"body":"hello"}""");
        assertThat(vip.json().get("team").asString()).isEqualTo("vip");
        assertThat(vip.json().get("priority").asString()).isEqualTo("P1");
    }

    @Test
    void onlyAdminsMayTouchTheRules() {
        Api api = api();
        String key = api.post("/api/v1/api-keys", "{\"name\":\"crm\"}", admin()).json().get("key").asString();

        assertThat(api.get("/api/v1/triage/rules", Api.bearer(key)).status()).isEqualTo(403);
        assertThat(putRules("rules: []", Api.bearer(key)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/triage/rules").status()).isEqualTo(401);
    }

    @Test
    void aPreviewSaysWhatTriageWouldDecideAndStoresNothing() {
        Api api = api();
        double counted = decisionsCounted(api);

        Api.Response preview = api.post("/api/v1/triage/preview", """
                {"tickets":[
                  {"channel":"email","subject":"Refund for order 1234","body":"Please refund me.","metadata":{"orderValue":700}},
                  {"channel":"chat","body":"The site is down, nothing loads"},
                  {"channel":"phone","body":"hello","customer":{"region":"eu"}}]}""", admin());

        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        JsonNode d = preview.json().get("decisions");
        assertThat(d.get(0).get("decidedBy").asString()).isEqualTo("rule:big-refunds-are-urgent");
        assertThat(d.get(0).get("priority").asString()).isEqualTo("P1");
        assertThat(d.get(1).get("team").asString()).isEqualTo("operations");
        assertThat(d.get(2).get("team").asString()).isEqualTo("general");
        assertThat(d.get(2).get("needsHumanReview").asBoolean()).isTrue();
        assertThat(d.get(2).get("priority").asString()).as("a phone call is urgent").isEqualTo("P1");
        assertThat(decisionsCounted(api)).as("previews are not triage decisions").isEqualTo(counted);

        Api.Response bad = api.post("/api/v1/triage/preview", "{\"tickets\":[{\"channel\":\"fax\",\"body\":\"x\"}]}", admin());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("tickets[0].channel");
        assertThat(api.post("/api/v1/triage/preview", "{\"tickets\":[]}", admin()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/triage/preview", "{\"tickets\":[{\"channel\":\"chat\",\"body\":\"x\"}]}").status())
                .as("admins only").isEqualTo(401);
    }

    private static double decisionsCounted(Api api) {
        return api.get("/actuator/prometheus").text().lines().filter(l -> l.startsWith("switchboard_triage_decisions_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
