package dev.switchboard.web;

import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets keyed by caller (a client IP, an API key), held in a bounded cache so that a flood of
 * distinct addresses cannot exhaust memory; an idle bucket expires after a full refill period, when it
 * would be full again anyway.
 */
public class RateLimiter {

    /** {@code capacity} tokens, refilled evenly over {@code period}. */
    public record Limit(long capacity, Duration period) {
        public Limit {
            if (capacity < 1) {
                throw new IllegalArgumentException("a rate limit needs a capacity of at least 1, not " + capacity);
            }
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a positive period, not " + period);
            }
        }
    }

    private record BucketKey(String caller, Limit limit) {
    }

    private final Cache<BucketKey, Bucket> buckets;

    public RateLimiter(long maxTrackedCallers, Duration longestPeriod) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxTrackedCallers)
                .expireAfterAccess(longestPeriod)
                .build();
    }

    /** Takes {@code tokens} from the caller's bucket, or throws {@link TooManyRequestsException} saying when to retry. */
    public void consume(String caller, Limit limit, long tokens) {
        if (tokens > limit.capacity()) {
            throw new TooManyRequestsException("this request needs " + tokens + " tokens but the limit holds only "
                    + limit.capacity() + " per " + limit.period() + "; send fewer items per request", limit.period());
        }
        Bucket bucket = buckets.get(new BucketKey(caller, limit), key -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException("rate limit of " + limit.capacity() + " per " + limit.period()
                    + " reached", Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
