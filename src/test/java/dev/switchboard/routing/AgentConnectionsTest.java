package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which nodes an agent is connected on, and when they go offline. */
class AgentConnectionsTest {

    private final AgentConnections connections = new AgentConnections();

    @Test
    void anAgentGoesOfflineWithTheirLastConnectionAnywhere() {
        connections.opened("ada", "node-a");
        connections.opened("ada", "node-b");

        assertThat(connections.closed("ada", "node-a")).as("still connected on node-b").isFalse();
        assertThat(connections.closed("ada", "node-b")).as("that was the last").isTrue();
        assertThat(connections.closed("bob", "node-a")).as("nobody knew of a connection: offline all the same").isTrue();
    }

    @Test
    void agentsWhoseEveryConnectionWasOnANodeThatLeftAreOffline() {
        connections.opened("ada", "node-a");
        connections.opened("bob", "node-b");
        connections.opened("cy", "node-a");
        connections.opened("cy", "node-b");

        assertThat(connections.leftWithout(Set.of("node-a"))).containsExactly("bob");
        assertThat(connections.leftWithout(Set.of("node-a"))).as("told once").isEmpty();
        assertThat(connections.closed("cy", "node-a")).as("cy's node-b connection went with its node").isTrue();
    }

    @Test
    void agentsRoutingGaveUpAreForgotten() {
        connections.opened("ada", "node-a");
        connections.opened("bob", "node-a");

        connections.keepOnly("ada"::equals);

        assertThat(connections.leftWithout(Set.of())).containsExactly("ada");
    }
}
