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

    /** "5, 310.2 ms in all, the longest 107.4 ms", or "none". */
    String describe() {
        return count == 0
                ? "none"
                : String.format("%d, %.1f ms in all, the longest %.1f ms", count, totalMillis, longestMillis);
    }
}
