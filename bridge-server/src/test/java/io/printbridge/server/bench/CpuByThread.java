package io.printbridge.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time spent by this JVM's threads between two snapshots, grouped by thread name with the
 * numbers taken out ("grpc-default-worker-ELG-3-1" and "-3-2" are one group), to see where a
 * benchmark's CPU went. Threads that ended between the snapshots are not counted.
 */
final class CpuByThread {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private final long startProcess = processCpuNanos();
    private final long startGc = gcMillis();
    private final long startJit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();

    CpuByThread() {
        for (long id : threads.getAllThreadIds()) {
            start.put(id, threads.getThreadCpuTime(id));
        }
    }

    /** Prints CPU microseconds per {@code unit} for each group of threads, busiest first. */
    void print(long units, String unit) {
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            var info = threads.getThreadInfo(id);
            if (now < 0 || info == null) {
                continue;
            }
            String group = info.getThreadName().replaceAll("\\d+", "N");
            byGroup.merge(group, now - start.getOrDefault(id, 0L), Long::sum);
        }
        long process = processCpuNanos() - startProcess;
        System.out.printf(
                "CPU per %s: %.0f µs in all (process); GC pauses %.0f µs, JIT %.0f µs (elapsed, all threads)%n",
                unit,
                process / 1e3 / units,
                (gcMillis() - startGc) * 1e3 / units,
                (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - startJit) * 1e3 / units);
        byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(14)
                .forEach(e -> System.out.printf("  %7.1f µs  %s%n", e.getValue() / 1e3 / units, e.getKey()));
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
