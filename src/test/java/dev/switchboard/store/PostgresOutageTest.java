package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import dev.switchboard.support.TestDatabases;

/**
 * A database outage degrades intake to 503 with Retry-After, writes nothing half-way, and heals by
 * itself. The outage is real: the application's PostgreSQL role loses the right to log in and its
 * connections are terminated.
 */
class PostgresOutageTest extends AppTest {

    private static final String ROLE = "sb_outage_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private static final String PASSWORD = "outage-" + UUID.randomUUID();
    /** Each ticket from its own customer, so that none joins another as a duplicate. */
    private static final String TICKET = "{\"channel\":\"chat\",\"customer\":{\"id\":\"%1$s\"},\"body\":\"%1$s\"}";

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestDatabases.requirePostgres();
        asSuperuser("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE SCHEMA " + ROLE + " AUTHORIZATION " + ROLE);
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(ROLE));
        registry.add("spring.datasource.username", () -> ROLE);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> ROLE);
        registry.add("switchboard.intake.retry-after", () -> "3s");
    }

    @AfterAll
    static void dropRole() {
        asSuperuser("ALTER ROLE " + ROLE + " LOGIN");
        TestDatabases.dropSchema(ROLE);
        asSuperuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'",
                "DROP ROLE IF EXISTS " + ROLE);
    }

    @Test
    void intakeAnswers503WhileTheDatabaseIsGoneAndRecoversByItself() throws SQLException {
        Api api = api();
        String[] admin = admin();
        assertThat(api.post("/api/v1/tickets", TICKET.formatted("before")).status()).isEqualTo(202);

        asSuperuser("ALTER ROLE " + ROLE + " NOLOGIN",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'");

        Api.Response during = api.post("/api/v1/tickets", TICKET.formatted("during"));
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("3");
        assertThat(during.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);

        asSuperuser("ALTER ROLE " + ROLE + " LOGIN");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.post("/api/v1/tickets", TICKET.formatted("after")).status()).isEqualTo(202));
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(bodies()).containsExactlyInAnyOrder("before", "after");
        assertThat(api.get("/api/v1/api-keys", admin).status()).isEqualTo(200);
    }

    private static java.util.List<String> bodies() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl(ROLE), ROLE, PASSWORD);
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT body FROM tickets")) {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void asSuperuser(String... statements) {
        try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl(), TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL setup failed", e);
        }
    }
}
