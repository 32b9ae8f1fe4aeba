package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a stop: no new job is taken (the ERP gets 503 with Retry-After and retries on
 * the server that replaces this one) before the streams are told to come back later and the job
 * writer and the database are closed. Found by the fault proof: jobs accepted during a graceful
 * stop went out on streams that were closing and were left for the next process to sort out.
 */
@Singleton
@Requires(notEnv = "cli") // the command line takes no jobs, and has no delivery to build an intake with
final class StopTakingJobsAtShutdown implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger log = LoggerFactory.getLogger(StopTakingJobsAtShutdown.class);

    private final JobIntake intake;

    StopTakingJobsAtShutdown(JobIntake intake) {
        this.intake = requireNonNull(intake, "intake");
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        intake.stopTakingJobs();
        log.info("stopping: new jobs are refused (503, retry) from now on");
    }
}
