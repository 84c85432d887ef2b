package dev.switchboard.routing;

import java.time.Duration;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.access.Caller;
import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.Waiting;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The routing weights in force, and an admin's change of them (admins only). */
@RestController
@RequestMapping("/api/v1/routing/weights")
public class RoutingWeightsController {

    private final RoutingStage routing;

    public RoutingWeightsController(RoutingStage routing) {
        this.routing = routing;
    }

    /** Each weight from 0 to 1; at least one above 0 (checked by {@link #change}). */
    public record Weights(@NotNull Double skill, @NotNull Double region, @NotNull Double idle) {
    }

    @GetMapping
    public RoutingWeights current() {
        return routing.weights();
    }

    @PutMapping
    public RoutingWeights replace(@Valid @RequestBody Weights weights, @AuthenticationPrincipal Caller admin) {
        return change(routing, weights.skill(), weights.region(), weights.idle(), admin.actor().toString());
    }

    /** Checks and stores new weights, in force for the next decision; shared with the admin page. */
    public static RoutingWeights change(RoutingStage routing, double skill, double region, double idle, String by) {
        java.util.Map<String, Double> weights = new java.util.LinkedHashMap<>();
        weights.put("skill", skill);
        weights.put("region", region);
        weights.put("idle", idle);
        weights.forEach((field, w) -> {
            if (!(w >= 0 && w <= 1)) { // NaN too
                throw new InvalidRequestException(field, "must be from 0 to 1");
            }
        });
        if (skill + region + idle <= 0) {
            throw new InvalidRequestException("skill", "at least one weight must be above 0");
        }
        return Waiting.await(routing.reweigh(new RoutingWeights(skill, region, idle), by), Duration.ofSeconds(10), "routing");
    }
}
