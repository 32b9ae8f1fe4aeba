package io.printbridge.server.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * How jobs flow ({@code bridge.jobs.*}).
 *
 * @param maxInFlightPerStore commands sent to one agent without a result yet; more wait on the
 *     server, so a backlog reaches the shop at the pace its printer prints
 * @param maxQueuedPerStore jobs waiting for one store before new ones are refused (429)
 * @param resultGrace how long after a job's deadline the server still waits for the agent's
 *     result before deciding the job is EXPIRED (never acknowledged) or UNCERTAIN (acknowledged)
 * @param sweepInterval how often expired jobs are looked for
 * @param maxTimeToLive the longest time to live a request may ask for
 * @param retention how long a final job is kept (with its history) before it is deleted
 * @param purgeInterval how often final jobs past their retention are deleted
 * @param drawerTimeToLive how long a cash drawer may still open after it was asked for, counted
 *     from the job's creation: the default time to live of a drawer job, and the deadline of the
 *     drawer after a print ({@code "openDrawer": true}) however long the receipt itself waits
 * @param maxWriteLag how far behind the job writes may fall before new jobs are refused (503
 *     {@code SERVER_BUSY}, {@code Retry-After: 1}): past the rate the server serves, an ERP that
 *     keeps sending would otherwise queue without end and every receipt would wait longer (the peak
 *     scenario showed 28 s). Jobs already accepted go on; only new ones wait for the ERP's retry
 * @param maxRequestLag how late the REST port's event loops may run, for 100 ms or more, before
 *     a share of new jobs is refused the same way: the wait of a request the server has not read
 *     yet, which the job writer's lag does not see (an ERP with thousands of connections past the
 *     rate the server serves)
 * @param requestLagRefusingAll how late the loops run when every new job is refused; the share
 *     refused grows in proportion from {@code maxRequestLag} to this. By default the job writer's
 *     bound ({@code maxWriteLag}): neither wait passes half a second for long
 * @param commitGather how long a write that finds the job writer idle waits for others to share
 *     its commit
 * @param standingWriteLag how far behind the job writes may stay: once their smoothed wait has
 *     been over it for a second, new jobs are refused whenever as many already wait for their
 *     commit as the writer has shown it can accept in this time, so that an ERP whose own connections
 *     bound what it has in flight, its excess waiting in its own queue where the server cannot see
 *     it, meets clear refusals of that excess rather than answers seconds late
 */
@ConfigurationProperties("bridge.jobs")
public record JobsConfig(
        @Bindable(defaultValue = "8") @Positive int maxInFlightPerStore,
        @Bindable(defaultValue = "1000") @Positive int maxQueuedPerStore,
        @Bindable(defaultValue = "30s") @NotNull Duration resultGrace,
        @Bindable(defaultValue = "1s") @NotNull Duration sweepInterval,
        @Bindable(defaultValue = "48h") @NotNull Duration maxTimeToLive,
        @Bindable(defaultValue = "7d") @NotNull Duration retention,
        @Bindable(defaultValue = "10m") @NotNull Duration purgeInterval,
        @Bindable(defaultValue = "15s") @NotNull Duration drawerTimeToLive,
        @Bindable(defaultValue = "500ms") @NotNull Duration maxWriteLag,
        @Bindable(defaultValue = "1ms") @NotNull Duration commitGather,
        @Bindable(defaultValue = "50ms") @NotNull Duration maxRequestLag,
        @Bindable(defaultValue = "500ms") @NotNull Duration requestLagRefusingAll,
        @Bindable(defaultValue = "30ms") @NotNull Duration standingWriteLag) {}
