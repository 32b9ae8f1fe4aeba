package io.printbridge.faults.harness;

import java.time.Instant;

/**
 * One look at the server process.
 *
 * @param heapAfterGcBytes heap in use right after a full collection the sampler asked for
 * @param databaseBytes the H2 files' size, or the PostgreSQL schema's tables and indexes
 */
record ServerSample(
        Instant at,
        long jobsDone,
        long heapAfterGcBytes,
        long residentBytes,
        int threads,
        int fileDescriptors,
        long databaseBytes,
        int agentsConnected) {

    static String header() {
        return "at\tjobsDone\theapAfterGcMB\tresidentMB\tthreads\tfds\tdatabaseKB\tagentsConnected";
    }

    String line() {
        return at + "\t" + jobsDone + "\t" + mb(heapAfterGcBytes) + "\t" + mb(residentBytes) + "\t" + threads + "\t"
                + fileDescriptors + "\t" + databaseBytes / 1024 + "\t" + agentsConnected;
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1024.0 / 1024.0);
    }
}
