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
}
