package dev.switchboard.store;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.support.TestDatabases;

/** The store contract on a real PostgreSQL (required in CI; see {@link TestDatabases}). */
class PostgresJdbcStoreTest extends JdbcStoreContract {

    @Override
    HikariDataSource open(Path folder) {
        return TestDatabases.postgres();
    }

    @Override
    void close(HikariDataSource dataSource) {
        TestDatabases.dropSchema(dataSource);
    }
}
