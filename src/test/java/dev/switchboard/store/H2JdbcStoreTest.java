package dev.switchboard.store;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import dev.switchboard.support.TestDatabases;

class H2JdbcStoreTest extends JdbcStoreContract {

    @Override
    HikariDataSource open(Path folder) {
        return TestDatabases.h2(folder);
    }

    @Override
    void close(HikariDataSource dataSource) {
        dataSource.close();
    }

    @Override
    HikariDataSource openBeforeTicketStates(Path folder) {
        return TestDatabases.h2(folder, "11"); // V11 is H2's own (db/vendor/h2)
    }

    @Override
    void migrateToLatest(HikariDataSource dataSource) {
        TestDatabases.migrate(dataSource, "h2", null, null);
    }
}
