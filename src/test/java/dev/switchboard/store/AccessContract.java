package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.access.AccessTokens;
import dev.switchboard.access.ApiKey;
import dev.switchboard.access.Role;
import dev.switchboard.access.User;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.Team;
import dev.switchboard.support.Tickets;

/** People and access: teams and agents, users, tokens, API keys. */
abstract class AccessContract extends StoreContract {

    @Test
    void teamsAndAgentsRoundTripAndAnAgentIsAUserWhoSignsIn() {
        assertThat(store.teams().create(new Team("billing", Set.of("billing", "refunds")))).isTrue();
        assertThat(store.teams().create(new Team("billing", Set.of()))).isFalse();
        Agent agent = new Agent(Tickets.newId().value(), "ada@example.com", "Ada", "billing", Set.of("billing"), "eu", 3, true);
        store.agents().create(agent, "{noop}pw", Instant.now());

        assertThat(store.agents().find(agent.id())).contains(agent);
        assertThat(store.users().findByEmail("ada@example.com")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.AGENT));
        assertThat(store.teams().agentCount("billing")).isEqualTo(1);
        Agent moved = new Agent(agent.id(), agent.email(), "Ada L.", "billing", Set.of("billing", "bug"), "us", 5, false);
        store.agents().update(moved);
        assertThat(store.agents().list()).containsExactly(moved);
        assertThat(store.agents().delete(agent.id())).isTrue();
        assertThat(store.users().findByEmail("ada@example.com")).isEmpty();
        assertThat(store.teams().delete("billing")).isTrue();
        assertThat(store.teams().list()).isEmpty();
    }

    @Test
    void usersAreFoundByEmailAndId() {
        User user = user("u1", "agent@example.com");
        store.users().create(user);

        assertThat(store.users().count(Role.AGENT)).isEqualTo(1);
        assertThat(store.users().count(Role.ADMIN)).isZero();
        assertThat(store.users().findByEmail("agent@example.com")).contains(user);
        assertThat(store.users().find("01J0000000000000000000000U")).isEmpty();
    }

    @Test
    void tokensWorkUntilTheyExpireOrAreRevoked() {
        User user = user("u1", "agent@example.com");
        store.users().create(user);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.accessTokens().store("a".repeat(64), user.id(), now, now.plusSeconds(60));

        assertThat(store.accessTokens().find("a".repeat(64), now)).contains(new AccessTokens.TokenOwner(user, now.plusSeconds(60)));
        assertThat(store.accessTokens().find("a".repeat(64), now.plusSeconds(60))).isEmpty();
        assertThat(store.accessTokens().purgeExpired(now)).isZero();
        store.accessTokens().revoke("a".repeat(64));
        assertThat(store.accessTokens().find("a".repeat(64), now)).isEmpty();
    }

    @Test
    void aRevokedApiKeyIsNoLongerActive() {
        User admin = user("u1", "admin@example.com");
        store.users().create(admin);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiKey key = new ApiKey("01J00000000000000000000KEY", "crm", "b".repeat(64), "sbk_abcdefgh", OptionalInt.of(600),
                admin.id(), now, Optional.empty());
        store.apiKeys().create(key);

        assertThat(store.apiKeys().findActive("b".repeat(64))).contains(key);
        assertThat(store.apiKeys().revoke(key.id(), now)).isTrue();
        assertThat(store.apiKeys().revoke(key.id(), now)).isFalse();
        assertThat(store.apiKeys().findActive("b".repeat(64))).isEmpty();
        assertThat(store.apiKeys().list()).singleElement().satisfies(k -> assertThat(k.revokedAt()).contains(now));
    }

    private static User user(String name, String email) {
        return new User(Tickets.newId().value(), email, name, "{noop}secret", Role.AGENT, "billing",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
