package dev.switchboard.web;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest answer the API gives: clients check they reach the server, and the intake benchmark
 * measures the framework's own ceiling against it in the same run.
 */
@RestController
public class PingController {

    private static final Map<String, String> PONG = Map.of("status", "ok");

    @GetMapping("/api/v1/ping")
    public Map<String, String> ping() {
        return PONG;
    }
}
