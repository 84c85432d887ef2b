package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;

@TestPropertySource(properties = "switchboard.demo-data=true")
class DemoDataTest extends AppTest {

    @Test
    void demoTeamsAndAgentsAreSeededOnRequestAndAgentsCanSignIn() {
        Api api = api();

        assertThat(api.get("/api/v1/teams", admin()).json()).extracting(t -> t.get("name").asString())
                .containsExactly("billing", "engineering", "general", "operations", "product");
        assertThat(api.get("/api/v1/agents", admin()).json()).hasSize(10);
        assertThat(api.signIn("billing-1@demo.switchboard", "demo-password")).hasSize(2);
    }
}
