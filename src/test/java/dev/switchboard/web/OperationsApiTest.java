package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;

class OperationsApiTest extends AppTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void requestsRunOnABoundedPoolOfPlatformThreads() {
        var executor = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler().getExecutor();

        assertThat(executor).isInstanceOf(org.apache.tomcat.util.threads.ThreadPoolExecutor.class);
        var pool = (org.apache.tomcat.util.threads.ThreadPoolExecutor) executor;
        assertThat(pool.getMaximumPoolSize()).isEqualTo(200);
        assertThat(pool.getThreadFactory().newThread(() -> { }).isVirtual()).isFalse();
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void healthReportsLivenessAndReadinessWithTheDatabase() {
        Api api = api();

        assertThat(api.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health", admin()).json().get("components").get("db").get("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void prometheusShowsIntakeCountersTheLatencyHistogramAndTheStoreFile() {
        Api api = api();
        api.post("/api/v1/tickets", "{\"channel\":\"chat\",\"customer\":{\"id\":\"c\"},\"body\":\"hi\"}");
        api.post("/api/v1/tickets", "{\"channel\":\"chat\"}");

        String metrics = api.get("/actuator/prometheus").text();

        assertThat(metrics).contains("switchboard_intake_tickets_total{channel=\"chat\",outcome=\"accepted\"}");
        assertThat(metrics).contains("switchboard_intake_tickets_total{channel=\"unknown\",outcome=\"rejected\"}");
        assertThat(metrics).contains("switchboard_intake_latency_seconds_bucket{endpoint=\"single\"");
        assertThat(metrics).contains("switchboard_intake_commit_seconds_count");
        assertThat(metrics).as("H2's file under the redo log").contains("switchboard_store_file_size_bytes ")
                .contains("switchboard_store_file_live ");
    }

    @Test
    void theOpenApiDocumentDescribesTheIntake() {
        Api api = api();

        var doc = api.get("/v3/api-docs").json();

        assertThat(doc.get("paths").has("/api/v1/tickets")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/tickets/batch")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/auth/token")).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void otherActuatorEndpointsAreForAdmins() {
        Api api = api();

        assertThat(api.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics", admin()).status()).isEqualTo(200);
    }
}
