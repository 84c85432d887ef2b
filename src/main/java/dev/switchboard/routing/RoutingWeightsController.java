package dev.switchboard.routing;

import java.util.concurrent.TimeUnit;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.access.Caller;
import dev.switchboard.web.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** The routing weights in force, and an admin's change of them (admins only). */
@RestController
@RequestMapping("/api/v1/routing/weights")
public class RoutingWeightsController {

    private final RoutingStage routing;

    public RoutingWeightsController(RoutingStage routing) {
        this.routing = routing;
    }

    /** Each weight from 0 to 1; at least one above 0. */
    public record Weights(@NotNull @DecimalMin("0") @DecimalMax("1") Double skill,
                          @NotNull @DecimalMin("0") @DecimalMax("1") Double region,
                          @NotNull @DecimalMin("0") @DecimalMax("1") Double idle) {
    }

    @GetMapping
    public RoutingWeights current() {
        return routing.weights();
    }

    @PutMapping
    public RoutingWeights replace(@Valid @RequestBody Weights weights, @AuthenticationPrincipal Caller admin) throws Exception {
        return change(routing, weights.skill(), weights.region(), weights.idle(), admin.actor().toString());
    }

    /** Checks and stores new weights, in force for the next decision; shared with the admin page. */
    public static RoutingWeights change(RoutingStage routing, double skill, double region, double idle, String by) throws Exception {
        if (skill + region + idle <= 0) {
            throw new InvalidRequestException("skill", "at least one weight must be above 0");
        }
        for (double w : new double[] {skill, region, idle}) {
            if (w < 0 || w > 1 || Double.isNaN(w)) {
                throw new InvalidRequestException("skill", "each weight is from 0 to 1");
            }
        }
        return routing.reweigh(new RoutingWeights(skill, region, idle), by).get(10, TimeUnit.SECONDS);
    }
}
