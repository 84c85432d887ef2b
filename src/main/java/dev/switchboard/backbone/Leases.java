package dev.switchboard.backbone;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases on the jobs one node does for the whole cluster (the learning loop's decisions, a training): the
 * node holding a lease does the job, the others leave it. A holder renews its lease before it runs out; a
 * node that dies loses its leases when they run out, and another node takes them. Kept in the database,
 * so the nodes' clocks should agree to within a small part of a lease's length (NTP).
 */
public interface Leases {

    /**
     * Takes the lease for {@code holder} until {@code until}, or renews it when {@code holder} has it
     * already; false while another holder's lease runs (its {@code until} is after {@code now}).
     */
    boolean hold(String name, String holder, Instant until, Instant now);

    /** Who holds the lease now, if anyone. */
    Optional<String> holder(String name, Instant now);

    /** Gives the lease up, when {@code holder} has it. */
    void release(String name, String holder);

    /** Leases of one process, for one node (and tests). */
    static Leases inMemory() {
        record Held(String holder, Instant until) {
        }
        Map<String, Held> leases = new ConcurrentHashMap<>();
        return new Leases() {
            @Override
            public boolean hold(String name, String holder, Instant until, Instant now) {
                return leases.compute(name, (n, held) -> held == null || held.holder().equals(holder) || !held.until().isAfter(now)
                        ? new Held(holder, until) : held).holder().equals(holder);
            }

            @Override
            public Optional<String> holder(String name, Instant now) {
                return Optional.ofNullable(leases.get(name)).filter(held -> held.until().isAfter(now)).map(Held::holder);
            }

            @Override
            public void release(String name, String holder) {
                leases.computeIfPresent(name, (n, held) -> held.holder().equals(holder) ? null : held);
            }
        };
    }
}
