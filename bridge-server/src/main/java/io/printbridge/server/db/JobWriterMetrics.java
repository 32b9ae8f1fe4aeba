package io.printbridge.server.db;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * How the {@link JobWriter}'s group commits keep up, read at each scrape:
 *
 * <ul>
 *   <li>{@code bridge.jobs.writer.lag.seconds}: how long the oldest write not committed yet has
 *       waited; new jobs are refused (503) past {@code bridge.jobs.max-write-lag};
 *   <li>{@code bridge.jobs.writer.lag.smoothed.seconds}: the group commits' wait smoothed over a
 *       fraction of a second; once it has stood over {@code bridge.jobs.standing-write-lag} for a
 *       second, new jobs are limited ({@link NewJobLimit});
 *   <li>{@code bridge.jobs.writer.new.jobs.waiting} and {@code bridge.jobs.writer.new.jobs.limit}:
 *       new jobs waiting for the commit that accepts them, and while limiting how many may (more
 *       are refused, 503), 0 while not limiting;
 *   <li>{@code bridge.jobs.writer.commits} and {@code bridge.jobs.writer.writes}: their ratio over
 *       a minute is how many writes share one commit (near 1 when idle, tens under load);
 *   <li>{@code bridge.jobs.writer.commit.seconds}: time spent committing (its rate is the writer's
 *       busy share, 1 meaning never idle), and {@code bridge.jobs.writer.commit.slowest.seconds},
 *       the slowest commit since the previous scrape: a database stall shows there first.
 * </ul>
 */
@Singleton
@Requires(beans = MeterRegistry.class)
@Requires(notEnv = "cli")
final class JobWriterMetrics implements MeterBinder {

    private static final String PREFIX = "bridge.jobs.writer";
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /**
     * Resolved at the first scrape, not when the registry binds its meters: the writer needs the
     * data source, whose pool registers its own meters, so asking for it here would be a cycle.
     */
    private final Provider<JobWriter> writer;

    JobWriterMetrics(Provider<JobWriter> writer) {
        this.writer = requireNonNull(writer, "writer");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PREFIX + ".lag.seconds", writer, w -> w.get().lagNanos() / NANOS_PER_SECOND)
                .description("How long the oldest job write not committed yet has waited")
                .register(registry);
        Gauge.builder(PREFIX + ".lag.smoothed.seconds", writer, w -> w.get().smoothedLagNanos() / NANOS_PER_SECOND)
                .description("The group commits' wait, smoothed over a fraction of a second")
                .register(registry);
        Gauge.builder(PREFIX + ".new.jobs.waiting", writer, w -> w.get().newJobsWaiting())
                .description("New jobs waiting for the commit that accepts them")
                .register(registry);
        Gauge.builder(PREFIX + ".new.jobs.limit", writer, w -> w.get().newJobsLimit())
                .description("How many new jobs may wait for their commit while the writes stand behind"
                        + " bridge.jobs.standing-write-lag; 0 while they keep up")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".commits", writer, w -> w.get().commits())
                .description("Group commits of job writes")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".writes", writer, w -> w.get().writesCommitted())
                .description("Job writes taken into group commits")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".commit.seconds", writer, w -> w.get().commitNanos() / NANOS_PER_SECOND)
                .description("Time spent in group commits")
                .register(registry);
        Gauge.builder(
                        PREFIX + ".commit.slowest.seconds",
                        writer,
                        w -> w.get().takeSlowestCommitNanos() / NANOS_PER_SECOND)
                .description("The slowest group commit since the previous scrape")
                .register(registry);
    }
}
