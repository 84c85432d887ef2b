package dev.switchboard.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;


import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Databases for tests: an H2 file database in a fresh folder, and a fresh schema in a real PostgreSQL.
 *
 * <p>PostgreSQL is found at {@code SWITCHBOARD_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}). With
 * {@code SWITCHBOARD_TEST_POSTGRES=required} (as in CI) an unreachable server fails the test loudly;
 * otherwise the PostgreSQL tests are skipped, saying why.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A migrated H2 database in {@code folder}, with the settings of the embedded default. */
    public static HikariDataSource h2(java.nio.file.Path folder) {
        return h2(folder, null);
    }

    /** As {@link #h2(java.nio.file.Path)}, migrated up to {@code target} only (all when null): to test an upgrade. */
    public static HikariDataSource h2(java.nio.file.Path folder, String target) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("switchboard").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return migrated(new HikariDataSource(config), "h2", null, target);
    }

    /** A migrated, empty schema of its own in the test PostgreSQL; dropped by {@link #dropSchema}. */
    public static HikariDataSource postgres() {
        return postgres(null);
    }

    /** As {@link #postgres()}, migrated up to {@code target} only (all when null). */
    public static HikariDataSource postgres(String target) {
        String schema = newPostgresSchema();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgresUrl(schema));
        config.setUsername(postgresUser());
        config.setPassword(postgresPassword());
        config.setMaximumPoolSize(4);
        return migrated(new HikariDataSource(config), "postgresql", schema, target);
    }

    /** Creates an empty schema of its own in the test PostgreSQL and returns its name. */
    public static String newPostgresSchema() {
        String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        requirePostgres();
        try (Connection c = DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in PostgreSQL", e);
        }
        return schema;
    }

    /** The JDBC URL of the test PostgreSQL with {@code schema} as the current schema. */
    public static String postgresUrl(String schema) {
        return postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void dropSchema(HikariDataSource dataSource) {
        String schema = dataSource.getJdbcUrl().replaceAll(".*currentSchema=", "");
        dataSource.close();
        dropSchema(schema);
    }

    public static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }

    /** Skips the calling test when PostgreSQL is not reachable, unless it is required; then fails. */
    public static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword())) {
            c.isValid(2);
        } catch (SQLException unreachable) {
            if ("required".equalsIgnoreCase(System.getenv("SWITCHBOARD_TEST_POSTGRES"))) {
                throw new IllegalStateException("SWITCHBOARD_TEST_POSTGRES=required but PostgreSQL at " + postgresUrl()
                        + " is unreachable", unreachable);
            }
            Assumptions.abort("PostgreSQL at " + postgresUrl() + " is unreachable (" + unreachable.getMessage()
                    + "); set SWITCHBOARD_TEST_POSTGRES=required to make this a failure");
        }
    }

    public static String postgresUrl() {
        return env("SWITCHBOARD_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String postgresUser() {
        return env("SWITCHBOARD_TEST_POSTGRES_USER", "postgres");
    }

    public static String postgresPassword() {
        return env("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "postgres");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Migrates as the application does (application.yml's spring.flyway.locations): shared, then the vendor's. */
    private static HikariDataSource migrated(HikariDataSource dataSource, String vendor, String schema, String target) {
        migrate(dataSource, vendor, schema, target);
        return dataSource;
    }

    /** Migrates the database to {@code target} (the latest when null), as the application does. */
    public static void migrate(javax.sql.DataSource dataSource, String vendor, String schema, String target) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor);
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

}
