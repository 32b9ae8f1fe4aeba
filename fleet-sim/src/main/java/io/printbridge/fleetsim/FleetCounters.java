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

    private final LongAdder dials = new LongAdder();
    private final LongAdder welcomes = new LongAdder();
    private final LongAdder streamsEnded = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final LongAdder disconnectsAsked = new LongAdder();
    private final Map<String, LongAdder> failedDials = new ConcurrentHashMap<>();
    /** The first description seen for each failure code, to say what the failures were. */
    private final Map<String, String> failureExamples = new ConcurrentHashMap<>();
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
        // grpc's description is often only "io exception" (and Netty's a page of pipeline): the cause says what failed.
        Throwable cause = status.getCause();
        String example = cause != null ? cause.toString() : String.valueOf(status.getDescription());
        failureExamples.putIfAbsent(code, example.replaceAll("\\s+", " "));
    }

    void dialFailed(String why) {
        failedDials.computeIfAbsent(why, c -> new LongAdder()).increment();
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
        return new Snapshot(
                dials.sum(), welcomes.sum(), streamsEnded.sum(), commands.sum(), disconnectsAsked.sum(), failed);
    }

    /** One description of each failure code seen, e.g. UNAVAILABLE: "io exception". */
    Map<String, String> failureExamples() {
        return new TreeMap<>(failureExamples);
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
            Map<String, Long> failedDialsByCode) {

        long failedDials() {
            return failedDialsByCode.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }

        Snapshot minus(Snapshot earlier) {
            Map<String, Long> failed = new TreeMap<>(failedDialsByCode);
            earlier.failedDialsByCode.forEach((code, count) -> failed.merge(code, -count, Long::sum));
            failed.values().removeIf(count -> count == 0);
            return new Snapshot(
                    dials - earlier.dials,
                    welcomes - earlier.welcomes,
                    welcomedStreamsEnded - earlier.welcomedStreamsEnded,
                    commandsAnswered - earlier.commandsAnswered,
                    disconnectsAsked - earlier.disconnectsAsked,
                    failed);
        }
    }
}
