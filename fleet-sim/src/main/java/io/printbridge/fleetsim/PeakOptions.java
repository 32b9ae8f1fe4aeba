package io.printbridge.fleetsim;

import java.time.Duration;
import java.util.List;

/**
 * The peak scenario's grid: one cell per rate, each a warm-up at that rate (sent, not recorded)
 * then {@code duration} recorded, on the same connected fleet.
 *
 * @param rates jobs per second across the fleet, one cell each, in order
 * @param answerWait the {@code ?wait=} of every post: the answer comes once the job is final
 * @param connections requests in flight at most (each an HTTP/1.1 connection); the others wait
 *     their turn in the client, which counts in their latency
 */
record PeakOptions(
        List<Double> rates, Duration duration, Duration warmUp, Duration answerWait, PeakMix mix, int connections) {

    PeakOptions {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("peak-rates: none (expected: jobs per second, such as 100,500,1000)");
        }
        for (double rate : rates) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException(
                        "peak-rates: " + rate + " (expected: jobs per second above 0, such as 100,500,1000)");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("peak-duration: " + duration + " (expected: above 0)");
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("peak-warm-up: " + warmUp + " (expected: 0 or more)");
        }
        if (connections < 1) {
            throw new IllegalArgumentException("peak-connections: " + connections + " (expected: at least 1)");
        }
        if (answerWait.toSeconds() < 1) {
            throw new IllegalArgumentException("peak-wait: " + answerWait + " (expected: at least 1s)");
        }
    }

    /**
     * How long the client waits for an answer once a request is sent: the server answers when its
     * {@code ?wait=} is over, the 10 s more are for one that does not.
     */
    Duration answerTimeout() {
        return answerWait.plusSeconds(10);
    }

    static List<Double> parseRates(String text) {
        try {
            return java.util.Arrays.stream(text.split(","))
                    .map(String::strip)
                    .map(Double::parseDouble)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peak-rates: \"" + text
                    + "\" (expected: jobs per second separated by commas, such as 100,500,1000)");
        }
    }
}
