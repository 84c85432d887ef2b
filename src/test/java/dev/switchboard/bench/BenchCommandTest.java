package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/**
 * The bench command against a real server: it staffs teams by triage's preview, sends on schedule,
 * agents take the tickets over the real stream, and the report holds every figure the issue names.
 */
@DirtiesContext
@TestPropertySource(properties = "switchboard.auth.sign-ins-per-minute=1000")
class BenchCommandTest extends AppTest {

    @TempDir
    Path out;

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run bench(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = new BenchCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                Map.of("SWITCHBOARD_ADMIN_EMAIL", ADMIN_EMAIL, "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)).run(args);
        return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aShortRunAssignsEveryTicketAndReportsTheFigures() throws Exception {
        Run run = bench("--url", "http://127.0.0.1:" + port, "--rate", "40", "--duration", "3", "--warmup", "1",
                "--agents", "8", "--handle-time", "100ms", "--drain", "20", "--out", out.toString(),
                "--connections", "2"); // two connections carry every post: a post due while both are busy waits


        assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
        JsonNode results = Api.JSON.readTree(Files.readString(out.resolve("results.json")));
        for (String field : new String[] {"offered_rate", "achieved_rate", "e2e_p50_ms", "e2e_p99_ms", "accept_p99_ms",
                "misroute_rate", "agent_idle_ratio", "lost", "errors", "time_to_assign_p99_ms"}) {
            assertThat(results.has(field)).as(field).isTrue();
        }
        assertThat(results.get("sent").asLong()).isEqualTo(120);
        assertThat(results.get("accepted").asLong() + results.get("merged").asLong()).isEqualTo(120);
        assertThat(results.get("assigned").asLong()).isEqualTo(results.get("accepted").asLong());
        assertThat(results.get("lost").asLong()).isZero();
        assertThat(results.get("client_cpu_ms_per_ticket").asDouble()).as("the load generator's own cost").isPositive();
        assertThat(results.get("errors").asLong()).isZero();
        assertThat(results.get("client_gc_pauses").asLong()).as("the load generator's own pauses").isNotNegative();
        assertThat(results.get("client_gc_pause_max_ms").asLong())
                .isBetween(0L, Math.max(0L, results.get("client_gc_pause_total_ms").asLong()));
        assertThat(results.get("e2e_count").asLong()).as("the warm-up second is not measured").isBetween(70L, 90L);
        assertThat(results.get("e2e_p50_ms").asDouble()).isPositive();
        // Every measured offer is split at the server's stamp on its ticket.
        assertThat(results.get("to_server_count").asLong()).isEqualTo(results.get("e2e_count").asLong());
        assertThat(results.get("from_server_count").asLong()).isEqualTo(results.get("e2e_count").asLong());
        // Every measured post was written on a connection before its answer came (one clock, the client's).
        assertThat(results.get("client_write_count").asLong()).isEqualTo(results.get("accept_count").asLong());
        assertThat(results.get("client_write_max_ms").asDouble()).isLessThanOrEqualTo(results.get("accept_max_ms").asDouble());
        for (String part : new String[] {"to_server", "from_server"}) { // each a part of every ticket's e2e
            assertThat(results.get(part + "_p99_ms").asDouble()).as(part).isPositive()
                    .isLessThanOrEqualTo(results.get("e2e_p99_ms").asDouble() + 0.01);
        }
        assertThat(results.get("misroute_rate").asDouble()).isBetween(0.0, 1.0);
        // The generator's texts fool the rules now and then; agents correct those through the API.
        assertThat(results.get("misroute_rate").asDouble()).isPositive();
        assertThat(results.get("reassigned").asLong()).isPositive();
        assertThat(api().get("/api/v1/tickets?status=resolved&limit=200", admin()).json().get("items").valueStream()
                .map(t -> api().get("/api/v1/tickets/" + t.get("id").asString(), admin()).json().get("events"))
                .anyMatch(events -> events.valueStream().anyMatch(e -> e.get("type").asString().equals("misrouted"))))
                .as("a misrouted event in some ticket's log").isTrue();
        // The server's side of the same window, from its own histogram (re-offers after corrections included).
        assertThat(results.get("server_pushed_count").asLong()).isGreaterThanOrEqualTo(results.get("e2e_count").asLong() * 8 / 10);
        assertThat(results.get("server_pushed_p99_ms").asDouble()).isPositive();
        assertThat(results.get("server_pushed_within_25ms").asDouble()).isBetween(0.0, 1.0);
        assertThat(run.stdout()).contains("server: accepted to pushed");
        assertThat(Files.readString(out.resolve("latency.html"))).contains("<svg").contains("e2e");
        assertThat(out.resolve("e2e.hgrm")).exists();
        assertThat(run.stdout()).contains("end to end (to agent)").contains("misroute rate");

        // It leaves nothing behind: its agents and teams are gone, every ticket it sent is resolved.
        Api api = api();
        assertThat(api.get("/api/v1/agents", admin()).text()).doesNotContain(".bench.invalid");
        assertThat(api.get("/api/v1/teams", admin()).text()).doesNotContain("\"bench-");
    }

    @Test
    void ticketsPostedInBatchesAreEachFollowedToTheirAgent() throws Exception {
        // 120 tickets in batches of 7: seventeen whole ones and a last one of a single ticket.
        double batchesBefore = metric("switchboard_intake_latency_seconds_count{endpoint=\"batch\"");
        Run run = bench("--url", "http://127.0.0.1:" + port, "--rate", "40", "--duration", "3", "--warmup", "1",
                "--agents", "8", "--handle-time", "100ms", "--drain", "20", "--out", out.toString(), "--batch", "7",
                "--no-reassign");

        assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
        JsonNode results = Api.JSON.readTree(Files.readString(out.resolve("results.json")));
        assertThat(results.get("batch").asInt()).isEqualTo(7);
        assertThat(results.get("sent").asLong()).isEqualTo(120);
        assertThat(results.get("accepted").asLong() + results.get("merged").asLong()).isEqualTo(120);
        assertThat(results.get("assigned").asLong()).isEqualTo(results.get("accepted").asLong());
        assertThat(results.get("lost").asLong()).isZero();
        assertThat(results.get("errors").asLong()).isZero();
        assertThat(results.get("e2e_count").asLong()).as("the warm-up second is not measured").isBetween(70L, 90L);
        assertThat(results.get("accept_p50_ms").asDouble()).isPositive();
        assertThat(metric("switchboard_intake_latency_seconds_count{endpoint=\"batch\"") - batchesBefore)
                .as("posted through the batch endpoint").isEqualTo(18);
    }

    @Test
    void badFlagsAreRefusedWithTheUsage() {
        Run missing = bench("--rate", "10", "--duration", "1");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("--url is required").contains("usage:");

        Run unknown = bench("--url", "http://127.0.0.1:1", "--rate", "10", "--duration", "1", "--colour", "red");
        assertThat(unknown.stderr()).contains("unknown flag --colour");

        Run zero = bench("--url", "http://127.0.0.1:1", "--rate", "0", "--duration", "1");
        assertThat(zero.stderr()).contains("--rate must be more than 0");

        Run noConnections = bench("--url", "http://127.0.0.1:1", "--rate", "10", "--duration", "1", "--connections", "0");
        assertThat(noConnections.stderr()).contains("--connections must be more than 0");

        Run bigBatch = bench("--url", "http://127.0.0.1:1", "--rate", "10", "--duration", "1", "--batch", "1001");
        assertThat(bigBatch.exit()).isEqualTo(2);
        assertThat(bigBatch.stderr()).contains("--batch must be 1..1000, not 1001");
    }
}
