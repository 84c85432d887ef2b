package dev.switchboard.routing;

/**
 * How much each factor counts in an agent's score for a ticket: skill match (the agent knows the
 * category), region match (the agent is in the customer's region) and idleness (the share of the
 * agent's capacity that is free). Defaults 0.6 / 0.2 / 0.2.
 */
public record RoutingWeights(double skill, double region, double idle) {

    public static final RoutingWeights DEFAULT = new RoutingWeights(0.6, 0.2, 0.2);

    public RoutingWeights {
        if (skill < 0 || region < 0 || idle < 0) {
            throw new IllegalArgumentException("routing weights must not be negative: " + skill + "/" + region + "/" + idle);
        }
    }
}
