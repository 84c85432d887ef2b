package dev.switchboard.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Intake rate limits ({@code switchboard.rate-limit.*}), token buckets refilled evenly.
 *
 * @param publicRequests        tickets per client IP and {@code publicPeriod} for unauthenticated intake
 *                              (a public web form: 100 per 15 minutes)
 * @param apiKeyPerMinute       tickets per minute for an authenticated caller whose key has no limit of its own
 * @param trackedCallers        most callers whose buckets are held in memory at once
 */
@ConfigurationProperties("switchboard.rate-limit")
public record RateLimitProperties(
        @DefaultValue("100") long publicRequests,
        @DefaultValue("15m") Duration publicPeriod,
        @DefaultValue("60000") long apiKeyPerMinute,
        @DefaultValue("100000") long trackedCallers) {
}
