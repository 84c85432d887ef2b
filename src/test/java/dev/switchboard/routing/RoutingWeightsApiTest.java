package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.RoutedTeam;

/** Admins set the routing weights; they are checked, stored, and in force at once. */
@TestPropertySource(properties = "switchboard.auth.sign-ins-per-minute=1000")
class RoutingWeightsApiTest extends AppTest {

    private Api.Response put(String json, String[] who) {
        return api().send("PUT", "/api/v1/routing/weights", "application/json", json, who);
    }

    @Test
    void anAdminSetsWeightsThatAreCheckedAndInForce() {
        String[] agent = Api.bearer(new RoutedTeam(api(), admin()).agent("weigher"));
        try {
            assertThat(put("{\"skill\":0.5,\"region\":0.4,\"idle\":0.1}", admin()).status()).isEqualTo(200);
            assertThat(api().get("/api/v1/routing/weights", admin()).json().get("region").asDouble()).isEqualTo(0.4);

            Api.Response tooBig = put("{\"skill\":1.5,\"region\":0,\"idle\":0}", admin());
            assertThat(tooBig.status()).isEqualTo(400);
            assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("skill");
            Api.Response allZero = put("{\"skill\":0,\"region\":0,\"idle\":0}", admin());
            assertThat(allZero.status()).isEqualTo(400);
            assertThat(put("{\"skill\":0.2,\"region\":0.2,\"idle\":0.6}", agent).status()).isEqualTo(403);
            assertThat(api().get("/api/v1/routing/weights", admin()).json().get("region").asDouble())
                    .as("refused changes change nothing").isEqualTo(0.4);
        } finally {
            put("{\"skill\":0.6,\"region\":0.2,\"idle\":0.2}", admin()); // the context is shared: leave the defaults
        }
    }
}
