package io.printbridge.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start when the server's JVM will stop it for a full collection each time its heap grows:
 * the parallel collector with a heap that starts below its maximum. A fleet's streams (about 21 KB
 * each) outgrow a small initial heap within minutes, and the first peak after a start met that stop
 * (0.84-0.87 s at 10,000 shops, BENCHMARKS.md "A full collection in the first peak"). The launcher
 * ({@code bin/bridge-server}) starts the heap at {@code -Xmx}; a server started some other way, by
 * a container or a command of its own, is told here.
 */
@Singleton
@Requires(notEnv = "cli")
final class HeapAtStart implements ApplicationEventListener<StartupEvent> {

    /** The old generation's collector of {@code -XX:+UseParallelGC}, as the JVM names its bean. */
    static final String PARALLEL_OLD = "PS MarkSweep";

    private static final Logger log = LoggerFactory.getLogger(HeapAtStart.class);

    @Override
    public void onApplicationEvent(StartupEvent event) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .toList();
        advice(collectors, heap.getInit(), heap.getMax()).ifPresent(log::warn);
    }

    /** What to say for these collectors and this initial and maximum heap, in bytes; nothing when all is well. */
    static Optional<String> advice(List<String> collectors, long initialBytes, long maxBytes) {
        if (!collectors.contains(PARALLEL_OLD) || maxBytes <= 0 || initialBytes >= maxBytes) {
            return Optional.empty();
        }
        return Optional.of(
                "the heap starts at " + initialBytes / (1024 * 1024) + " MB of its " + maxBytes / (1024 * 1024)
                        + " MB with the parallel collector, which stops the server for a full collection each time"
                        + " the heap grows (0.84-0.87 s at 10,000 shops): start the JVM with -Xms equal to -Xmx"
                        + " (bin/bridge-server does)");
    }
}
