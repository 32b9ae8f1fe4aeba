package io.printbridge.fleetsim;

import java.nio.file.Files;

/**
 * The simulator's command line:
 *
 * <pre>
 * java -Xmx4g -cp … io.printbridge.fleetsim.FleetMain --server-jar=bridge-server-…-all.jar --agents 10000 \
 *     --scenario connect,idle,jobs,restart-term,restart-kill --database h2 --server-heap 4g
 * </pre>
 *
 * Other options: {@code --idle 60s}, {@code --job-rate 50}, {@code --job-duration 60s}, {@code --job-wait 5s},
 * {@code --connect-timeout 10m}, {@code --replicas 1}, {@code --event-loops <cores>}, {@code --backoff-cap 30s}, {@code --ack-first},
 * {@code --out target/fleet}; for the peak scenario {@code --peak-rates 100,500,1000}, {@code --peak-duration 30s},
 * {@code --peak-warm-up 10s}, {@code --peak-wait 10s}, {@code --peak-mix raw=80,invoice=15,drawer=5},
 * {@code --peak-connections 256}. Exits 1 when a check failed (not all connected, a job not DONE), 2 on a bad
 * command line.
 */
public final class FleetMain {

    private FleetMain() {}

    public static void main(String[] args) throws Exception {
        FleetOptions options;
        try {
            options = FleetOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.serverJar())) {
            System.err.println("--server-jar=" + options.serverJar() + ": expected the packaged server jar");
            System.exit(2);
        }
        RunSummary summary = FleetRun.run(options);
        System.exit(summary.failures().isEmpty() ? 0 : 1);
    }
}
