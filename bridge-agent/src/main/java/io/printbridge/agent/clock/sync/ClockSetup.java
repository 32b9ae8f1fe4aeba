package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockConnector;
import java.nio.file.Path;
import java.util.List;

/**
 * What the agent needs to drive its clocks: their settings, how to reach them (the ZK protocol,
 * or a stand-in in a test), and where their read cursors live.
 */
public record ClockSetup(List<ClockSettings> clocks, ClockConnector connector, Path cursorDirectory) {

    /** An agent without clocks. */
    public static final ClockSetup NONE = new ClockSetup(
            List.of(),
            endpoint -> {
                throw new IllegalStateException("no clock is configured");
            },
            Path.of("clocks"));

    public ClockSetup {
        clocks = List.copyOf(clocks);
        requireNonNull(connector, "connector");
        requireNonNull(cursorDirectory, "cursorDirectory");
    }
}
