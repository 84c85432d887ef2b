package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.TestDatabases;

/** The whole application on PostgreSQL, selected by the standard spring.datasource.* settings alone. */
class PostgresAppTest extends AppTest {

    private static String schema;

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = TestDatabases.newPostgresSchema();
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(schema));
        registry.add("spring.datasource.username", TestDatabases::postgresUser);
        registry.add("spring.datasource.password", TestDatabases::postgresPassword);
        registry.add("spring.flyway.schemas", () -> schema);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void ticketsAreAcceptedStoredAndReadOnPostgres() {
        Api api = api();
        String[] admin = admin();

        Api.Response accepted = api.post("/api/v1/tickets", """
                {"channel":"email","customer":{"email":"pg@example.com"},"subject":"Hello","body":"On PostgreSQL"}""",
                "Idempotency-Key", "pg-1");
        Api.Response replayed = api.post("/api/v1/tickets", """
                {"channel":"email","customer":{"email":"pg@example.com"},"subject":"Hello","body":"On PostgreSQL"}""",
                "Idempotency-Key", "pg-1");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(replayed.json().get("id")).isEqualTo(accepted.json().get("id"));
        assertThat(api.get(accepted.header("Location"), admin).json().get("body").asString()).isEqualTo("On PostgreSQL");
        assertThat(api.get("/actuator/health", admin).json().get("components").get("db").get("details")
                .get("database").asString()).isEqualTo("PostgreSQL");
    }
}
