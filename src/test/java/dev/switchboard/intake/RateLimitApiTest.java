package dev.switchboard.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;

@TestPropertySource(properties = {
        "switchboard.rate-limit.public-requests=3",
        "switchboard.rate-limit.public-period=15m",
})
class RateLimitApiTest extends AppTest {

    private static final String TICKET = "{\"channel\":\"web_form\",\"customer\":{\"email\":\"a@b.io\"},\"subject\":\"Hi\",\"body\":\"x\"}";

    @Test
    void anonymousIntakeIsLimitedPerClientAddress() {
        Api api = api();
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/tickets", TICKET).status()).isEqualTo(202);
        }

        Api.Response limited = api.post("/api/v1/tickets", TICKET);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        // 3 per 15 minutes refills one token every 5 minutes.
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 300L);
    }

    @Test
    void anApiKeyHasItsOwnLimitAndABatchCostsOneTokenPerTicket() {
        Api api = api();
        String key = api.post("/api/v1/api-keys", "{\"name\":\"small\",\"rateLimitPerMinute\":4}", admin())
                .json().get("key").asString();
        String batchOfThree = "{\"tickets\":[" + TICKET + "," + TICKET + "," + TICKET + "]}";

        assertThat(api.post("/api/v1/tickets/batch", batchOfThree, Api.bearer(key)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/tickets", TICKET, Api.bearer(key)).status()).isEqualTo(202);
        Api.Response limited = api.post("/api/v1/tickets", TICKET, Api.bearer(key));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
    }
}
