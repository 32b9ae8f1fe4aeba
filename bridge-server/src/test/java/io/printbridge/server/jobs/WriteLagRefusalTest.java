package io.printbridge.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.testing.TestJobs;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * New jobs refused while the job writes stand behind: whenever the store says new jobs fill what it
 * accepts in time ({@code bridge.jobs.standing-write-lag}), decided once per request at its
 * admission; and every one, at admission and when stored, past {@code bridge.jobs.max-write-lag}.
 */
class WriteLagRefusalTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    private final AtomicLong lag = new AtomicLong();
    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicLong stored = new AtomicLong();
    private final JobIntake intake =
            new JobIntake(store(), noDelivery(), config(), new BridgeEvents(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void writesThatKeepUpRefuseNothing() {
        lag.set(ms(400)); // behind for a moment (a stall), under max-write-lag, not standing

        assertThat(refusedOf(100)).isZero();
    }

    @Test
    void newJobsThatFillWhatTheStoreAcceptsInTimeAreRefusedWithHowManyWait() {
        full.set(true);

        assertThat(refusedOf(100)).isEqualTo(100);
        RuntimeException refusal = firstRefusal();
        assertThat(refusal).isInstanceOf(JobIntake.BusyException.class);
        assertThat(refusal.getMessage())
                .isEqualTo("the server is busy: its job writes stay more than 50 ms behind and 87 new jobs"
                        + " already wait for their commit, as many as it can accept in 50 ms");

        full.set(false);
        assertThat(refusedOf(100)).as("a place freed").isZero();
    }

    @Test
    void aJobAdmittedIsNotRefusedAgainWhenItIsStored() throws Exception {
        full.set(true);

        for (int i = 0; i < 20; i++) {
            assertThat(intake.store(List.of(TestJobs.print("alger-01", NOW))).get(5, TimeUnit.SECONDS))
                    .hasSize(1);
        }
        assertThat(stored.get()).isEqualTo(20);
    }

    @Test
    void pastMaxWriteLagEveryNewJobIsRefusedAtAdmissionAndWhenStored() {
        lag.set(ms(600));

        assertThat(refusedOf(10)).isEqualTo(10);
        assertThat(intake.store(List.of(TestJobs.print("alger-01", NOW))))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(JobIntake.BusyException.class);
        assertThat(stored.get()).isZero();
    }

    private int refusedOf(int requests) {
        int refused = 0;
        for (int i = 0; i < requests; i++) {
            if (intake.refusalNow() != null) {
                refused++;
            }
        }
        return refused;
    }

    private RuntimeException firstRefusal() {
        for (int i = 0; i < 10; i++) {
            RuntimeException refusal = intake.refusalNow();
            if (refusal != null) {
                return refusal;
            }
        }
        throw new AssertionError("no refusal in 10 requests");
    }

    /** A store that answers the lag and fullness set above and takes every insert. */
    private JobStore store() {
        return (JobStore) Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "writeLagNanos" -> lag.get();
                    case "newJobsFull" -> full.get();
                    case "newJobsWaiting" -> 87;
                    case "insert" -> {
                        @SuppressWarnings("unchecked")
                        List<Job> jobs = (List<Job>) args[0];
                        stored.addAndGet(jobs.size());
                        yield CompletableFuture.completedFuture(jobs.stream()
                                .map(job -> new Submission(job, true))
                                .toList());
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static JobDelivery noDelivery() {
        return new JobDelivery() {
            @Override
            public void offer(Job job) {}

            @Override
            public void ended(Job job) {}
        };
    }

    private static JobsConfig config() {
        return new JobsConfig(
                8,
                1000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofHours(48),
                Duration.ofDays(7),
                Duration.ofMinutes(10),
                Duration.ofSeconds(15),
                Duration.ofMillis(500),
                Duration.ofMillis(1),
                Duration.ofMillis(50),
                Duration.ofMillis(500),
                Duration.ofMillis(50));
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
