package dev.switchboard.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The load generator's own stop-the-world collections while it watches: how many, how long in all, the
 * longest. A ticket is timed from its scheduled send, so a pause of the bench's own lands in the measured
 * latency like one of the server's; these figures tell the two apart.
 *
 * <p>Counts the JVM's collectors that stop the world: G1's young, old and concurrent-cycle pauses (remark,
 * cleanup) are pauses; ZGC's and Shenandoah's "Cycles" collectors are concurrent work and are left out.
 */
final class OwnPauses implements AutoCloseable {

    /** What was counted: pauses, their sum and the longest, in milliseconds. */
    record Figures(long count, long totalMillis, long maxMillis) {
    }

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final List<NotificationEmitter> watched = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            long millis = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo().getDuration();
            count.incrementAndGet();
            total.addAndGet(millis);
            max.accumulateAndGet(millis, Math::max);
        }
    };

    /** Starts counting. */
    static OwnPauses watch() {
        OwnPauses pauses = new OwnPauses();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!collector.getName().contains("Cycles") && collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(pauses.listener, null, null);
                pauses.watched.add(emitter);
            }
        }
        return pauses;
    }

    Figures figures() {
        return new Figures(count.get(), total.get(), max.get());
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : watched) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                throw new IllegalStateException("the pause listener was added to " + emitter + " and is gone", e);
            }
        }
    }
}
