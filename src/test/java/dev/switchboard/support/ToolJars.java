package dev.switchboard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Servers the tests run as processes of their own (S3Proxy, and the like), from Maven Central: the jars
 * of {@code tools/<name>/pom.xml} are copied once into {@code target/tools/<name>} by the project's own
 * Maven wrapper, and run on the JVM that runs the tests.
 */
public final class ToolJars {

    private ToolJars() {
    }

    /** The class path of a tool ({@code target/tools/<name>/*}), its jars copied first when missing. */
    public static synchronized String classpath(String name) throws IOException, InterruptedException {
        Path dir = Path.of("target", "tools", name).toAbsolutePath();
        Path done = dir.resolve(".copied");
        if (!Files.exists(done)) {
            Path log = Files.createTempFile("tool-" + name, ".log");
            Process maven = new ProcessBuilder(List.of(Path.of("mvnw").toAbsolutePath().toString(), "-q", "-B",
                    "-f", Path.of("tools", name, "pom.xml").toString(), "dependency:copy-dependencies",
                    "-DoutputDirectory=" + dir))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
                throw new IllegalStateException("could not copy the jars of tools/" + name + ": " + Files.readString(log));
            }
            Files.writeString(done, "");
        }
        return dir + "/*";
    }

    /** The java command of the JVM running the tests. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
