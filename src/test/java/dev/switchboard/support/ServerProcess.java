package dev.switchboard.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged Switchboard jar running as a process of its own, as an operator runs it, so that a
 * test can kill it with SIGKILL and start it again on the same data folder.
 */
public final class ServerProcess implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "crash-test-admin-password";

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar named by the {@code switchboard.jar} system property and waits until it is ready. */
    public static ServerProcess start(Path dataDir, String... extraArgs) {
        String jar = System.getProperty("switchboard.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("system property switchboard.jar must name the packaged jar (run with mvn verify): " + jar);
        }
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-jar", jar,
                "--server.port=" + port, "--switchboard.data-dir=" + dataDir.toAbsolutePath()));
        command.addAll(List.of(extraArgs));
        try {
            Files.createDirectories(dataDir);
            Path log = Files.createTempFile(dataDir.getParent(), "server-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
            ServerProcess server = new ServerProcess(builder.start(), port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return new Api(baseUrl());
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: the process gets no chance to flush or close anything. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: a graceful shutdown, as an orchestrator stops a node. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        Api api = api();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("server exited early");
                        }
                        return api.get("/actuator/health/readiness").status() == 200;
                    });
        } catch (RuntimeException notReady) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not become ready; its log:\n" + log(), notReady);
        }
    }

    private void awaitExit() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
