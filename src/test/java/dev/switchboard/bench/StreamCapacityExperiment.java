package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.support.Api;

/**
 * How many agents' stream connections one server holds: creates {@code agents} agents, opens
 * {@code perAgent} connections for each (an agent may have several: browser tabs, devices), waits for
 * every {@code welcome}, and reads the server's own count from /actuator/prometheus.
 *
 * <p>Run against a started server: {@code scripts/experiment.sh dev.switchboard.bench.StreamCapacityExperiment
 * http://127.0.0.1:8080 ADMIN_PASSWORD 100 100 [HOLD_SECONDS]}. With HOLD_SECONDS the connections stay open that
 * long after the count, for a heap histogram of the server ({@code jcmd PID GC.class_histogram}).
 */
public final class StreamCapacityExperiment {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Api api = new Api(base);
        String[] admin = api.signIn("admin@localhost", args[1]);
        int agents = Integer.parseInt(args[2]);
        int perAgent = Integer.parseInt(args[3]);
        api.post("/api/v1/teams", "{\"name\":\"capacity\",\"categories\":[]}", admin);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String email = "capacity-" + i + "-" + System.nanoTime() + "@example.com";
            api.post("/api/v1/agents", """
                    {"email":"%s","name":"Capacity %d","password":"capacity-password","team":"capacity","skills":[],"capacity":1}"""
                    .formatted(email, i), admin);
            tokens.add(api.signIn(email, "capacity-password")[1].substring("Bearer ".length()));
        }
        int total = agents * perAgent;
        CountDownLatch welcomed = new CountDownLatch(total);
        AtomicInteger failed = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        URI stream = URI.create(base.replace("http", "ws") + "/api/v1/stream");
        Semaphore handshakes = new Semaphore(200); // at most 200 handshakes in flight
        List<WebSocket> sockets = new ArrayList<>(total);
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            handshakes.acquire();
            CompletableFuture<WebSocket> socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + tokens.get(i % agents))
                    .buildAsync(stream, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            if (data.toString().contains("\"welcome\"")) {
                                welcomed.countDown();
                            }
                            ws.request(1);
                            return null;
                        }
                    });
            socket.whenComplete((ws, error) -> {
                handshakes.release();
                if (error != null) {
                    failed.incrementAndGet();
                    welcomed.countDown();
                } else {
                    synchronized (sockets) {
                        sockets.add(ws);
                    }
                }
            });
        }
        boolean all = welcomed.await(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        String metrics = api.get("/actuator/prometheus").text();
        String serverCount = metrics.lines().filter(l -> l.startsWith("switchboard_stream_connections")).findFirst().orElse("?");
        String heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\"")).map(l -> l.replaceAll(".* ", ""))
                .mapToDouble(Double::parseDouble).sum() / 1e6 + " MB heap used (all pools)";
        System.out.printf("opened %d of %d connections (%d failed) in %.1f s; all welcomed: %s; server says %s; %s%n",
                sockets.size(), total, failed.get(), seconds, all, serverCount, heap);
        if (args.length > 4) {
            System.out.println("holding the connections for " + args[4] + " s");
            Thread.sleep(Duration.ofSeconds(Long.parseLong(args[4])));
        }
        synchronized (sockets) {
            sockets.forEach(WebSocket::abort);
        }
        System.exit(failed.get() == 0 && all ? 0 : 1);
    }

    private StreamCapacityExperiment() {
    }
}
