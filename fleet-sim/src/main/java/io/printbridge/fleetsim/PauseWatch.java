package io.printbridge.fleetsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The collectors' pauses of the server and of this simulator over one stretch of a scenario, side
 * by side, as {@link CpuWatch} does for their CPU. The server's come from its GC log (the fleet
 * run starts it with {@link GcPause#logOption}), this JVM's from {@link OwnGcPauses}.
 */
final class PauseWatch {

    private final Path serverGcLog;
    /** This JVM's watcher, listening by the time the stretch begins. */
    private final OwnGcPauses own;

    private final long fromMillis;

    private PauseWatch(Path serverGcLog, OwnGcPauses own, long fromMillis) {
        this.serverGcLog = serverGcLog;
        this.own = own;
        this.fromMillis = fromMillis;
    }

    static PauseWatch start(Path serverGcLog) {
        return new PauseWatch(serverGcLog, OwnGcPauses.get(), System.currentTimeMillis());
    }

    /** Writes one line: both processes' pauses since the start. */
    void report(RunSummary summary) throws IOException {
        summary.line(
                "GC pauses: server %s; simulator %s",
                serverPauses(serverGcLog, fromMillis).describe(),
                own.since(fromMillis).describe());
    }

    /** The server's pauses that ended at or after {@code fromMillis}, read from its GC log. */
    static GcPauses serverPauses(Path gcLog, long fromMillis) throws IOException {
        if (!Files.exists(gcLog)) {
            return GcPauses.of(List.of());
        }
        List<GcPause> pauses = new ArrayList<>();
        try (Stream<String> lines = Files.lines(gcLog, StandardCharsets.UTF_8)) {
            lines.map(GcPause::parse)
                    .filter(p -> p != null && p.endMillis() >= fromMillis)
                    .forEach(pauses::add);
        }
        return GcPauses.of(pauses);
    }
}
