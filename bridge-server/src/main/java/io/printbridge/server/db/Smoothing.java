package io.printbridge.server.db;

/** Exponential smoothing over time, for values sampled at uneven intervals (group commits). */
final class Smoothing {

    private Smoothing() {}

    /**
     * How far a sample taken {@code stepNanos} after the previous one moves an average whose time
     * constant is {@code timeConstantNanos}: 0 after no time, about 0.63 after one time constant.
     */
    static double weight(long stepNanos, long timeConstantNanos) {
        return 1 - Math.exp(-(double) stepNanos / timeConstantNanos);
    }
}
