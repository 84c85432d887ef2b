package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

class AccessApiTest extends AppTest {

    @Autowired
    ApiKeys apiKeys;
    @Autowired
    Users users;

    private static final String TICKET = "{\"channel\":\"api\",\"customer\":{\"id\":\"c1\"},\"body\":\"hello\"}";

    @Test
    void aWrongPasswordOrUnknownEmailIsA401Problem() {
        Api api = api();

        Api.Response wrongPassword = api.post("/api/v1/auth/token", "{\"email\":\"admin@localhost\",\"password\":\"nope\"}");
        Api.Response unknown = api.post("/api/v1/auth/token", "{\"email\":\"who@example.com\",\"password\":\"nope\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail")).isEqualTo(wrongPassword.json().get("detail"));
        assertThat(wrongPassword.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aSignInWithoutFieldsNamesThem() {
        Api.Response response = api().post("/api/v1/auth/token", "{\"email\":\"\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("email", "password");
    }

    @Test
    void theFirstAdminsPasswordIsStoredHashed() {
        User admin = users.findByEmail(ADMIN_EMAIL).orElseThrow();

        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.passwordHash()).startsWith("{bcrypt}").doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void anApiKeyIsShownOnceStoredHashedAndStopsWorkingWhenRevoked() {
        Api api = api();
        Api.Response created = api.post("/api/v1/api-keys", "{\"name\":\"crm\",\"rateLimitPerMinute\":600}", admin());
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        String id = created.json().get("id").asString();
        assertThat(key).startsWith("sbk_");

        assertThat(apiKeys.list()).filteredOn(k -> k.id().equals(id)).singleElement()
                .satisfies(k -> assertThat(k.keyHash()).isNotEqualTo(key).doesNotContain(key.substring(4)));
        JsonNode listed = api.get("/api/v1/api-keys", admin()).json();
        assertThat(listed.toString()).doesNotContain(key);

        String location = api.post("/api/v1/tickets", TICKET, Api.bearer(key)).header("Location");
        assertThat(api.get(location, Api.bearer(key)).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/api-keys/" + id, admin()).status()).isEqualTo(204);
        assertThat(api.get(location, Api.bearer(key)).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/api-keys/" + id, admin()).status()).isEqualTo(404);
    }

    @Test
    void anApiKeyMayNotManageApiKeys() {
        Api api = api();
        String key = api.post("/api/v1/api-keys", "{\"name\":\"integration\"}", admin()).json().get("key").asString();

        Api.Response response = api.post("/api/v1/api-keys", "{\"name\":\"sneaky\"}", Api.bearer(key));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void signingOutRevokesTheToken() {
        Api api = api();
        String[] token = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(api.get("/api/v1/api-keys", token).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/auth/token", token).status()).isEqualTo(204);

        Api.Response after = api.get("/api/v1/api-keys", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
    }
}
