package io.printbridge.fleetsim;

import io.grpc.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the whole fleet did, counted without a lock: dials, welcomes, dials that ended before a
 * Welcome (by their status code), commands answered, and the time from each dial to its Welcome
 * (TCP, TLS handshake, Hello, Welcome) in a histogram a scenario reads interval by interval.
 */
final class FleetCounters {

    /** Kinds of failure counted apart; past them, "(other causes)". */
    private static final int CAUSES = 20;

    private final LongAdder dials = new LongAdder();
    private final LongAdder welcomes = new LongAdder();
    private final LongAdder streamsEnded = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final LongAdder disconnectsAsked = new LongAdder();
    private final Map<String, LongAdder> failedDials = new ConcurrentHashMap<>();
    /** Failed dials by what ended them ({@link DialFailureCause}), at most {@link #CAUSES} kinds. */
    private final Map<String, LongAdder> failureCauses = new ConcurrentHashMap<>();
    /** Dial to Welcome, in microseconds. */
    private final Recorder dialToWelcome = new Recorder(3);

    void dialled() {
        dials.increment();
    }

    void welcomed(long dialNanos) {
        welcomes.increment();
        dialToWelcome.recordValue(Math.max(1, dialNanos / 1000));
    }

    void dialFailed(Status status) {
        String code = status.getCode().name();
        failedDials.computeIfAbsent(code, c -> new LongAdder()).increment();
        // grpc's code is UNAVAILABLE for nearly every failed dial: the cause says what failed.
        String cause = DialFailureCause.of(status);
        if (!failureCauses.containsKey(cause) && failureCauses.size() >= CAUSES) {
            cause = "(other causes)";
        }
        failureCauses.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    void dialFailed(String why) {
        failedDials.computeIfAbsent(why, c -> new LongAdder()).increment();
        failureCauses.computeIfAbsent(why, c -> new LongAdder()).increment();
    }

    void welcomedStreamEnded() {
        streamsEnded.increment();
    }

    void commandAnswered() {
        commands.increment();
    }

    void disconnectAsked() {
        disconnectsAsked.increment();
    }

    Snapshot snapshot() {
        Map<String, Long> failed = new TreeMap<>();
        failedDials.forEach((code, count) -> failed.put(code, count.sum()));
        Map<String, Long> causes = new TreeMap<>();
        failureCauses.forEach((cause, count) -> causes.put(cause, count.sum()));
        return new Snapshot(
                dials.sum(),
                welcomes.sum(),
                streamsEnded.sum(),
                commands.sum(),
                disconnectsAsked.sum(),
                failed,
                causes);
    }

    /** The dial-to-Welcome times recorded since the last call. */
    Histogram dialToWelcomeSinceLastRead() {
        return dialToWelcome.getIntervalHistogram();
    }

    /** The counts at one moment; {@link #minus} gives what happened between two. */
    record Snapshot(
            long dials,
            long welcomes,
            long welcomedStreamsEnded,
            long commandsAnswered,
            long disconnectsAsked,
            Map<String, Long> failedDialsByCode,
            Map<String, Long> failedDialsByCause) {

        long failedDials() {
            return failedDialsByCode.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    dials - earlier.dials,
                    welcomes - earlier.welcomes,
                    welcomedStreamsEnded - earlier.welcomedStreamsEnded,
                    commandsAnswered - earlier.commandsAnswered,
                    disconnectsAsked - earlier.disconnectsAsked,
                    difference(failedDialsByCode, earlier.failedDialsByCode),
                    difference(failedDialsByCause, earlier.failedDialsByCause));
        }

        private static Map<String, Long> difference(Map<String, Long> now, Map<String, Long> earlier) {
            Map<String, Long> difference = new TreeMap<>(now);
            earlier.forEach((key, count) -> difference.merge(key, -count, Long::sum));
            difference.values().removeIf(count -> count == 0);
            return difference;
        }
    }
}
