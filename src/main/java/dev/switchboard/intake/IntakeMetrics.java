package dev.switchboard.intake;

import dev.switchboard.ticket.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The intake's numbers: {@code switchboard.intake.tickets} by channel and outcome, and the time from a
 * request's arrival to its answer as a histogram ({@code switchboard.intake.latency}).
 */
final class IntakeMetrics {

    enum Outcome { ACCEPTED, REPLAYED, MERGED, REJECTED, KEY_REUSED, RATE_LIMITED, UNAVAILABLE }

    private final MeterRegistry registry;
    /** Registered once: building a meter id per request costs more than the increment itself. */
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final Timer single;
    private final Timer batch;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.single = latency("single");
        this.batch = latency("batch");
    }

    void count(Channel channel, Outcome outcome) {
        count(channel == null ? "unknown" : channel.wireName(), outcome, 1);
    }

    void count(String channel, Outcome outcome, long n) {
        counters.computeIfAbsent(channel + "/" + outcome, key -> Counter.builder("switchboard.intake.tickets")
                        .description("Tickets offered to intake, by channel and outcome")
                        .tag("channel", channel)
                        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry))
                .increment(n);
    }

    Timer latency(boolean isBatch) {
        return isBatch ? batch : single;
    }

    private Timer latency(String endpoint) {
        return Timer.builder("switchboard.intake.latency")
                .description("Time from an intake request's arrival to its answer")
                .tag("endpoint", endpoint)
                .publishPercentileHistogram()
                .register(registry);
    }
}
