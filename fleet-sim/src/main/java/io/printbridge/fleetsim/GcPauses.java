package io.printbridge.fleetsim;

import java.util.Collection;

/**
 * The pauses of one JVM over a stretch of a run: how many, their sum and the longest. A request
 * that meets a pause waits for it, so these say how much of a latency tail the collectors made.
 *
 * @param count how many pauses ended in the stretch
 * @param totalMillis their sum
 * @param longestMillis the longest, 0 without any
 */
record GcPauses(int count, double totalMillis, double longestMillis) {

    static GcPauses of(Collection<GcPause> pauses) {
        double total = 0;
        double longest = 0;
        for (GcPause pause : pauses) {
            total += pause.millis();
            longest = Math.max(longest, pause.millis());
        }
        return new GcPauses(pauses.size(), total, longest);
    }

    /**
     * "5, 310.2 ms in all, the longest 107.4 ms", "4, each under 1 ms" (a concurrent collector's, of
     * which the JVM's notifications give whole milliseconds: 0), or "none".
     */
    String describe() {
        if (count == 0) {
            return "none";
        }
        return longestMillis < 1
                ? String.format("%d, each under 1 ms", count)
                : String.format("%d, %.1f ms in all, the longest %.1f ms", count, totalMillis, longestMillis);
    }
}
