package io.printbridge.fleetsim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One stop of a JVM for its collector: when it ended (milliseconds since the epoch, the clock this
 * simulator reads too) and how long it lasted.
 *
 * @param endMillis when the pause ended
 * @param millis how long it lasted
 */
record GcPause(long endMillis, double millis) {

    /**
     * The JVM option that makes a JVM log what {@link #parse} reads: every collector's pauses (the
     * {@code gc+phases} tag for ZGC, which logs its pauses there), each line stamped with the wall
     * clock in milliseconds.
     */
    static String logOption(String file) {
        if (file.contains(":") || file.contains(" ")) {
            throw new IllegalArgumentException(
                    "GC log: \"" + file + "\" (expected: a path without ':' or spaces, which -Xlog cannot take)");
        }
        return "-Xlog:gc,gc+phases:file=" + file + ":timemillis";
    }

    /**
     * A finished pause ({@code [1765121401123ms] GC(18) Pause Young (Allocation Failure)
     * 1611M->495M(3974M) 48.765ms}); the line each collector writes as one starts, which has no
     * duration, and every other line, give null. The lines of the parallel collector, G1, Shenandoah
     * and ZGC all read this way.
     */
    static @Nullable GcPause parse(String line) {
        Matcher m = PAUSE.matcher(line);
        return m.matches() ? new GcPause(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))) : null;
    }

    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ms\\].* Pause .* (\\d+(?:\\.\\d+)?)ms$");
}
