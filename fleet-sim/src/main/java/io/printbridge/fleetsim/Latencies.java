package io.printbridge.fleetsim;

import org.HdrHistogram.Histogram;

/** A latency histogram in microseconds, as a line in milliseconds. */
final class Latencies {

    private Latencies() {}

    static String describe(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return "none recorded";
        }
        return String.format(
                "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%d)",
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(90) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0,
                micros.getMaxValue() / 1000.0,
                micros.getTotalCount());
    }
}
