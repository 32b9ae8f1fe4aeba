package io.printbridge.fleetsim;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * This simulator's own collector pauses, as its JVM announces them. The simulated ERP and shops
 * live in this JVM: while it stops, no request goes out and no agent answers, and that time lands
 * in the latencies measured against the server. Reported beside the server's pauses so that a
 * reader can tell the two apart.
 *
 * <p>Concurrent collectors announce their cycles as well as their pauses (ZGC's and Shenandoah's
 * "Cycles" beans, G1's "Concurrent GC"); a cycle runs beside the application and is not counted.
 * The JVM gives durations in whole milliseconds.
 */
final class OwnGcPauses {

    /** The pauses of the last ten minutes: a cell reads those that ended after it began. */
    private static final long KEPT_MILLIS = 10 * 60_000;

    private static final OwnGcPauses INSTANCE = new OwnGcPauses();

    private final ConcurrentLinkedDeque<GcPause> pauses = new ConcurrentLinkedDeque<>();
    private final List<String> collectors;

    private OwnGcPauses() {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        this.collectors = beans.stream().map(GarbageCollectorMXBean::getName).toList();
        for (GarbageCollectorMXBean bean : beans) {
            if (bean instanceof NotificationEmitter emitter && stops(bean.getName())) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                add(info.getGcInfo().getDuration());
                            }
                        },
                        null,
                        null);
            }
        }
    }

    /** The watcher of this JVM, listening from its first use on. */
    static OwnGcPauses get() {
        return INSTANCE;
    }

    /** The collectors of this JVM, as it names them. */
    List<String> collectors() {
        return collectors;
    }

    /** The pauses that ended at or after {@code fromMillis} (the wall clock). */
    GcPauses since(long fromMillis) {
        return GcPauses.of(
                pauses.stream().filter(p -> p.endMillis() >= fromMillis).toList());
    }

    private void add(long millis) {
        long now = System.currentTimeMillis();
        pauses.addLast(new GcPause(now, millis));
        for (GcPause oldest = pauses.peekFirst();
                oldest != null && oldest.endMillis() < now - KEPT_MILLIS;
                oldest = pauses.peekFirst()) {
            pauses.pollFirst();
        }
    }

    /** Whether a collector of that name stops the application (rather than running beside it). */
    static boolean stops(String collector) {
        String name = collector.toLowerCase(Locale.ROOT);
        return !name.contains("cycles") && !name.contains("concurrent");
    }
}
