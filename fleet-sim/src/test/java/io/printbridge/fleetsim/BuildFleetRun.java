package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet run as the build makes them: the packaged server on H2 with a small heap, the fleet given
 * a minute to connect, the summary under {@code out}; every check of the run must hold. The test
 * adds its fleet size, scenarios and their options.
 */
final class BuildFleetRun {

    private BuildFleetRun() {}

    static RunSummary run(Path out, int agents, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--server-jar=" + PackagedServerJar.path(),
                "--agents=" + agents,
                "--database=h2",
                "--server-heap=512m",
                "--connect-timeout=60s",
                "--out=" + out));
        args.addAll(List.of(options));

        RunSummary summary = FleetRun.run(FleetOptions.parse(args.toArray(String[]::new)));

        assertThat(summary.failures()).as(summary.text()).isEmpty();
        return summary;
    }
}
