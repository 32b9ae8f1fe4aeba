package io.printbridge.faults;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One copy of a job found in a printer's recording (by the job's marker in the bytes), and when. */
public record PrintedCopy(String jobId, String printer, Instant at) {

    public PrintedCopy {
        requireNonNull(jobId, "jobId");
        requireNonNull(printer, "printer");
        requireNonNull(at, "at");
    }
}
