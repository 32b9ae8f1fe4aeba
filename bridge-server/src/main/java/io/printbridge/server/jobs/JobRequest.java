package io.printbridge.server.jobs;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A validated request for a new job, whatever API it came from.
 *
 * @param printer the agent's printer name; empty for its default printer
 * @param timeToLive how long the job stays worth doing; null for the type's default
 * @param openDrawer for a print: pulse the cash drawer after it, within the drawer's time to live
 */
public record JobRequest(
        JobType type,
        String printer,
        JobPayload payload,
        @Nullable Duration timeToLive,
        boolean openDrawer) {

    public JobRequest(JobType type, String printer, JobPayload payload, @Nullable Duration timeToLive) {
        this(type, printer, payload, timeToLive, false);
    }
}
