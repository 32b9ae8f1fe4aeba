package io.printbridge.agent.identity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the agent renews its certificate ({@code renewal.*} in its configuration). When is not a
 * setting: at half the certificate's lifetime, with jitter ({@link RenewalSchedule}); the server
 * decides the lifetime.
 *
 * @param switchWindow the renewed certificate is put in use (the agent reconnects with it) at a random
 *     moment within this after it arrives
 * @param retryBase first wait before asking again after a refused or unanswered renewal
 * @param retryCap longest wait between two renewal attempts (the wait doubles up to it, with jitter)
 * @param answerTimeout a renewal with no answer within this counts as lost, and is asked again later
 */
public record RenewalSettings(Duration switchWindow, Duration retryBase, Duration retryCap, Duration answerTimeout) {

    public RenewalSettings {
        requireNonNull(switchWindow, "switchWindow");
        requireNonNull(retryBase, "retryBase");
        requireNonNull(retryCap, "retryCap");
        requireNonNull(answerTimeout, "answerTimeout");
        if (retryBase.isNegative() || retryBase.isZero() || retryCap.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException(
                    "renewal retry: base " + retryBase + ", cap " + retryCap + " (expected: 0 < base <= cap)");
        }
        if (switchWindow.isNegative() || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("renewal: switch window " + switchWindow + ", answer timeout "
                    + answerTimeout + " (expected: a window of 0 or more, a timeout above 0)");
        }
    }

    /** Production defaults: in use within 5 minutes, retried after 1 minute growing to 1 hour, answered within 2 minutes. */
    public static RenewalSettings defaults() {
        return new RenewalSettings(
                Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(2));
    }
}
