package io.printbridge.server.testing;

import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Jobs for tests that only need some job: what they hold does not matter to the test. */
public final class TestJobs {

    private TestJobs() {}

    /** A new raw print job of a few bytes for {@code storeId}, asked for by "erp" at {@code at}, an hour to live. */
    public static Job print(String storeId, Instant at) {
        return Job.queued(
                UUID.randomUUID().toString(),
                storeId,
                JobType.RAW,
                "",
                new JobPayload.Print("ticket".getBytes(StandardCharsets.UTF_8), null),
                at,
                at.plusSeconds(3600),
                "erp",
                null,
                null);
    }
}
