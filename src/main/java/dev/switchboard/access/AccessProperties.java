package dev.switchboard.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code switchboard.auth.*}).
 *
 * @param tokenTtl          how long a bearer token from {@code POST /api/v1/auth/token} works
 * @param signInsPerMinute  sign-in attempts allowed per client IP and minute (slows password guessing)
 * @param callerCacheTtl    how long a resolved token is trusted without a database read; a revoked
 *                          token stops working on other nodes after at most this long
 */
@ConfigurationProperties("switchboard.auth")
public record AccessProperties(
        @DefaultValue("12h") Duration tokenTtl,
        @DefaultValue("10") int signInsPerMinute,
        @DefaultValue("10s") Duration callerCacheTtl) {
}
