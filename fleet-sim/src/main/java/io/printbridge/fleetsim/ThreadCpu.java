package io.printbridge.fleetsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A process's CPU time thread by thread, from {@code /proc/<pid>/task/<tid>/stat}, with threads
 * grouped by their name less its numbers ({@code grpc-default-worker-ELG-3-1} and
 * {@code grpc-default-worker-ELG-3-2} are one group), so that two samples tell where a server spends
 * its CPU while idle: event loops, heartbeat timers, the collector, the database.
 */
final class ThreadCpu {

    /**
     * USER_HZ, the unit of utime and stime: 100 on every Linux the project runs on (x86-64 and arm64
     * kernels fix it at 100 whatever the kernel's own tick).
     */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Pattern TRAILING_NUMBER = Pattern.compile("[-_#.\\s]*\\d+$");

    /** One thread at one moment. */
    private record ThreadTicks(String group, long ticks) {}

    /** Every thread of a process at one moment, by thread id. */
    static final class Sample {
        private final long takenAtNanos = System.nanoTime();
        private final Map<String, ThreadTicks> threads;

        private Sample(Map<String, ThreadTicks> threads) {
            this.threads = threads;
        }

        /**
         * CPU used between {@code earlier} and this sample, per group, in percent of one core.
         * Threads that ended in between are not counted (their time left with them).
         */
        Map<String, Double> percentSince(Sample earlier) {
            double seconds = (takenAtNanos - earlier.takenAtNanos) / 1e9;
            Map<String, Long> ticksByGroup = new HashMap<>();
            threads.forEach((tid, now) -> {
                ThreadTicks before = earlier.threads.get(tid);
                long used = now.ticks - (before == null ? 0 : before.ticks);
                ticksByGroup.merge(now.group, Math.max(0, used), Long::sum);
            });
            Map<String, Double> percent = new LinkedHashMap<>();
            ticksByGroup.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> percent.put(e.getKey(), 100.0 * e.getValue() / TICKS_PER_SECOND / seconds));
            return percent;
        }

        /** All groups together, in percent of one core. */
        double totalPercentSince(Sample earlier) {
            return percentSince(earlier).values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }
    }

    private ThreadCpu() {}

    static Sample of(long pid) throws IOException {
        Map<String, ThreadTicks> threads = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended between the listing and the read
                }
                // "tid (name) state ppid ...": the name may hold spaces and parentheses; the rest follows the last ')'.
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name.
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                threads.put(task.getFileName().toString(), new ThreadTicks(group(name), ticks));
            }
        }
        return new Sample(threads);
    }

    /** {@code grpc-default-worker-ELG-3-1} → {@code grpc-default-worker-ELG}. */
    static String group(String threadName) {
        String group = threadName.trim();
        while (true) {
            String shorter = TRAILING_NUMBER.matcher(group).replaceFirst("");
            if (shorter.equals(group) || shorter.isEmpty()) {
                return group;
            }
            group = shorter;
        }
    }

    /** {@code 12.3% grpc-default-worker-ELG, 4.0% GC Thread, ...}, the largest first, at most {@code limit}. */
    static String describe(Map<String, Double> percentByGroup, int limit) {
        StringBuilder text = new StringBuilder();
        percentByGroup.entrySet().stream().limit(limit).forEach(e -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(String.format("%.1f%% %s", e.getValue(), e.getKey()));
        });
        return text.length() == 0 ? "none" : text.toString();
    }
}
