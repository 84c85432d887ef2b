package dev.switchboard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port over a fresh H2 data folder, reached with a real HTTP client.
 * The first admin is {@link #ADMIN_EMAIL} / {@link #ADMIN_PASSWORD}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.admin.password=" + AppTest.ADMIN_PASSWORD,
})
public abstract class AppTest {

    public static final String ADMIN_EMAIL = "admin@localhost";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) throws IOException {
        Path folder = Files.createTempDirectory("switchboard-test");
        registry.add("switchboard.data-dir", folder::toString);
    }

    /**
     * Sign-ins are rate-limited per address, so each server's admin signs in once for all its tests. By
     * context, not by port: a later context may be given the port of one closed before it.
     */
    private static final java.util.Map<ApplicationContext, String[]> ADMIN_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    private ApplicationContext context;

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /**
     * The value of the first series in /actuator/prometheus whose line starts with {@code series} (end a bare
     * name with a space, a labelled one with its labels); fails when there is none.
     */
    protected double metric(String series) {
        return api().get("/actuator/prometheus").text().lines().filter(line -> line.startsWith(series))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in /actuator/prometheus"));
    }

    /** The bearer header pair of the first admin. */
    protected String[] admin() {
        return ADMIN_TOKENS.computeIfAbsent(context, c -> api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
    }
}
