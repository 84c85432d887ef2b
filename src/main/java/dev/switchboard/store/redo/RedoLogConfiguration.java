package dev.switchboard.store.redo;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Puts the redo log in front of an embedded H2 file database: the pool's data source is wrapped as soon
 * as it is made, before the schema is migrated, so that the log is run again first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedoLogProperties.class)
public class RedoLogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedoLogConfiguration.class);
    private static final String H2_FILE = "jdbc:h2:file:";

    /** Static: a post-processor is made before the other beans, and must not pull this configuration in early. */
    @Bean
    static BeanPostProcessor redoLoggedDataSource(Environment environment) {
        return new DestructionAwareBeanPostProcessor() {
            /** Each pool wrapped, with its log: Spring destroys the pool it made, not the wrapper it was given. */
            private final Map<Object, RedoLoggedDataSource> wrapped = new ConcurrentHashMap<>();

            /** Before the pool closes: the last checkpoint, while the database can still be written. */
            @Override
            public void postProcessBeforeDestruction(Object bean, String beanName) {
                RedoLoggedDataSource redo = wrapped.remove(bean);
                if (redo != null) {
                    try {
                        redo.close();
                    } catch (java.io.IOException e) {
                        log.warn("closing the redo log failed; it is run again at the next start", e);
                    }
                }
            }

            @Override
            public boolean requiresDestruction(Object bean) {
                return wrapped.containsKey(bean);
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof HikariDataSource pool) || pool.getJdbcUrl() == null
                        || !pool.getJdbcUrl().startsWith(H2_FILE)) {
                    return bean;
                }
                // Bound here, not injected: a post-processor runs before the configuration-properties beans exist.
                RedoLogProperties properties = Binder.get(environment).bindOrCreate("switchboard.store.redo-log",
                        RedoLogProperties.class);
                if (!properties.enabled()) {
                    return bean;
                }
                // H2 keeps commits in memory for longer than a checkpoint takes to come: the checkpoints write the file.
                // In the URL, not in a statement run after the connection opens: H2 applies the URL's WRITE_DELAY to
                // the whole database at every new connection, and with the default URL's WRITE_DELAY=0 each new
                // connection in the pool would have made H2 write its file at every commit until the statement ran.
                if (pool.getConnectionInitSql() != null && pool.getConnectionInitSql().toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
                    log.warn("spring.datasource.hikari.connection-init-sql sets H2's WRITE_DELAY: the redo log sets it in the URL,"
                            + " and a shorter delay there makes H2 write its file at commits the log already made durable");
                }
                pool.setJdbcUrl(urlForTheLog(pool.getJdbcUrl()));
                Path folder = folderOf(pool.getJdbcUrl());
                log.info("redo log for the embedded database in {}, checkpoint every {}", folder, properties.checkpointInterval());
                RedoLoggedDataSource redo = RedoLoggedDataSource.open(pool, folder, properties.checkpointInterval(),
                        properties.compactFillRate());
                wrapped.put(pool, redo);
                return redo;
            }
        };
    }

    /**
     * An H2 file database's URL as the redo log needs it: H2 must not write its file on its own
     * ({@link StoreWrites}), so a write delay no run reaches and no automatic compaction (which writes the
     * file too); the checkpoints write it, and have H2 compact its pages.
     */
    public static String urlForTheLog(String url) {
        return withSetting(withSetting(url, "WRITE_DELAY", Integer.MAX_VALUE), "AUTO_COMPACT_FILL_RATE", 0);
    }

    /** The URL with its setting {@code name}, if any, replaced by {@code value}. */
    static String withSetting(String url, String name, long value) {
        StringBuilder result = new StringBuilder();
        for (String part : url.split(";")) {
            int equals = part.indexOf('=');
            if (result.isEmpty() || equals < 0 || !part.substring(0, equals).strip().equalsIgnoreCase(name)) {
                result.append(result.isEmpty() ? "" : ";").append(part);
            }
        }
        return result.append(';').append(name).append('=').append(value).toString();
    }

    /** The log's folder: beside the database's file, named after it ({@code <database>.redo}). */
    static Path folderOf(String url) {
        String file = url.substring(H2_FILE.length());
        int settings = file.indexOf(';');
        if (settings >= 0) {
            file = file.substring(0, settings);
        }
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Path.of(file + ".redo").toAbsolutePath();
    }

    /** The log's counts in /actuator/prometheus, when the data source has the log. */
    @Bean
    MeterBinder redoLogMeters(DataSource dataSource) {
        return registry -> {
            try {
                if (!dataSource.isWrapperFor(RedoLoggedDataSource.class)) {
                    return;
                }
                RedoLoggedDataSource redo = dataSource.unwrap(RedoLoggedDataSource.class);
                FunctionCounter.builder("switchboard.store.redo.commits", redo, r -> r.counts().logged())
                        .tag("durable", "log").description("Commits made durable by the redo log").register(registry);
                FunctionCounter.builder("switchboard.store.redo.commits", redo, r -> r.counts().written())
                        .tag("durable", "database").description("Commits made durable by H2 writing its file at the commit")
                        .register(registry);
                FunctionTimer.builder("switchboard.store.redo.checkpoints", redo, r -> r.counts().checkpoints(),
                                r -> r.counts().checkpointNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)
                        .description("Checkpoints: H2 wrote its file and the redo log was cut back; the time is what changes"
                                + " waited while H2 took its picture of the tables").register(registry);
                Gauge.builder("switchboard.store.file.size", redo, r -> r.storeFile().map(f -> (double) f.bytes()).orElse(Double.NaN))
                        .baseUnit("bytes").description("The size of H2's file").register(registry);
                Gauge.builder("switchboard.store.file.live", redo,
                                r -> r.storeFile().map(f -> f.livePercent() / 100.0).orElse(Double.NaN))
                        .description("The share of the bytes in H2's file chunks that is live (what compaction keeps up)")
                        .register(registry);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
