package dev.switchboard;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.switchboard.bench.BenchCommand;
import dev.switchboard.store.RestoreCommand;
import dev.switchboard.triage.ClassifierCli;

/**
 * Switchboard: support tickets in, triaged, routed to the right agent. The pipeline reads in the
 * packages: {@code intake} -> {@code triage} -> {@code routing} -> {@code workspace}, around the
 * domain core in {@code ticket}.
 */
@SpringBootApplication
@EnableScheduling
public class SwitchboardApplication {

    /** Tomcat's size for each WebSocket connection's read, write and encoding buffers (its own default: 8 KB). */
    public static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    static {
        // Set before Tomcat reads it (once, when its WebSocket classes load), unless the JVM's command line
        // did. Every agent's stream holds three such buffers while it is open; an agent's messages are a few
        // dozen bytes, and an offer longer than the buffer goes out in several frames of one message, which
        // clients put together. At 4 KB a connection holds about 16 KB less (docs/benchmarks.md, "Agents'
        // stream connections"; docs/stream.md, "Memory per connection").
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, "4096");
        }
    }

    /** Starts the server, or runs a command of the same jar: {@code train}, {@code evaluate}, {@code bench}, {@code restore}. */
    public static void main(String[] args) {
        if (args.length > 0 && BenchCommand.NAME.equals(args[0])) {
            System.exit(new BenchCommand(System.out, System.err, System.getenv())
                    .run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && RestoreCommand.NAME.equals(args[0])) {
            System.exit(new RestoreCommand(System.out, System.err).run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && ClassifierCli.COMMANDS.contains(args[0])) {
            System.exit(new ClassifierCli(System.out, System.err).run(args));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }

    /** Microsecond ticks: what the databases store, so a value answered now equals the one read back later. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }
}
