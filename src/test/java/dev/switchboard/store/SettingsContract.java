package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.routing.RoutingWeights;

/** Settings and coordination: routing weights, rule sets, leases. */
abstract class SettingsContract extends StoreContract {

    @Test
    void theNewestStoredWeightsAreInForce() {
        assertThat(store.weightSettings().latest()).isEmpty();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.weightSettings().save(new RoutingWeights(0.5, 0.3, 0.2), "user:a", now);
        store.weightSettings().save(new RoutingWeights(1, 0, 0.25), "user:b", now);
        assertThat(store.weightSettings().latest()).contains(new RoutingWeights(1, 0, 0.25));
    }

    @Test
    void theNewestStoredRuleSetIsTheLatest() {
        assertThat(store.ruleSets().latest()).isEmpty();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        var first = store.ruleSets().save("rules: []", "user:a", now);
        var second = store.ruleSets().save("rules: [x]", "user:b", now);

        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(store.ruleSets().latest()).contains(second);
    }

    /** A lease is one holder's until it runs out or is given up; then another may take it. */
    @Test
    void aLeaseIsOneHoldersUntilItRunsOutOrIsGivenUp() {
        JdbcLeases leases = store.leases();
        String name = "test." + java.util.UUID.randomUUID();
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        assertThat(leases.hold(name, "node-a", now.plusSeconds(60), now)).isTrue();
        assertThat(leases.hold(name, "node-b", now.plusSeconds(60), now.plusSeconds(30))).as("node a's runs").isFalse();
        assertThat(leases.hold(name, "node-a", now.plusSeconds(120), now.plusSeconds(30))).as("renewed").isTrue();
        assertThat(leases.holder(name, now.plusSeconds(90))).hasValue("node-a");
        assertThat(leases.hold(name, "node-b", now.plusSeconds(200), now.plusSeconds(90))).isFalse();

        assertThat(leases.hold(name, "node-b", now.plusSeconds(200), now.plusSeconds(120))).as("run out").isTrue();
        assertThat(leases.holder(name, now.plusSeconds(130))).hasValue("node-b");
        leases.release(name, "node-a"); // not node a's any more: nothing happens
        assertThat(leases.holder(name, now.plusSeconds(130))).hasValue("node-b");
        leases.release(name, "node-b");
        assertThat(leases.holder(name, now.plusSeconds(130))).isEmpty();
        assertThat(leases.hold(name, "node-a", now.plusSeconds(300), now.plusSeconds(130))).isTrue();
    }
}
