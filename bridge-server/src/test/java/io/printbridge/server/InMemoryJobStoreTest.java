package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.server.jobs.InMemoryJobStore;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryJobStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final InMemoryJobStore store = new InMemoryJobStore();

    @Test
    void drawerJobsGoBeforeOlderPrintJobsAndPrintsGoOldestFirst() throws Exception {
        store.insert(job("print-1", JobType.RAW, T0, Duration.ofHours(1)), 10);
        store.insert(job("print-2", JobType.RAW, T0.plusSeconds(1), Duration.ofHours(1)), 10);
        store.insert(job("drawer", JobType.DRAWER, T0.plusSeconds(2), Duration.ofSeconds(15)), 10);

        assertThat(store.claimNext("s", T0.plusSeconds(3)).orElseThrow().id()).isEqualTo("drawer");
        assertThat(store.claimNext("s", T0.plusSeconds(3)).orElseThrow().id()).isEqualTo("print-1");
        assertThat(store.claimNext("s", T0.plusSeconds(3)).orElseThrow().id()).isEqualTo("print-2");
        assertThat(store.claimNext("s", T0.plusSeconds(3))).isEmpty();
    }

    @Test
    void expiredJobIsNeverClaimedAndIsFoundByTheSweep() throws Exception {
        store.insert(job("drawer", JobType.DRAWER, T0, Duration.ofSeconds(15)), 10);

        assertThat(store.claimNext("s", T0.plusSeconds(16))).isEmpty();
        assertThat(store.expiredIn(JobState.QUEUED, T0.plusSeconds(16))).extracting(Job::id).containsExactly("drawer");
        assertThat(store.expiredIn(JobState.QUEUED, T0.plusSeconds(14))).isEmpty();
    }

    @Test
    void claimedJobMovesFromQueuedToSentInTheIndexes() throws Exception {
        store.insert(job("a", JobType.RAW, T0, Duration.ofHours(1)), 10);

        store.claimNext("s", T0);

        assertThat(store.countQueued("s")).isZero();
        assertThat(store.inState("s", JobState.SENT)).extracting(Job::id).containsExactly("a");
        assertThat(store.find("a").orElseThrow().deliveries()).isEqualTo(1);
    }

    @Test
    void updateAppliesOnlyFromTheExpectedState() throws Exception {
        store.insert(job("a", JobType.RAW, T0, Duration.ofHours(1)), 10);

        assertThat(store.update("a", JobState.SENT, j -> j.to(JobState.DONE, T0, "x"))).isEmpty();
        assertThat(store.update("a", JobState.QUEUED, j -> j.to(JobState.EXPIRED, T0, "x"))).isPresent();
        assertThat(store.countQueued("s")).isZero();
        assertThat(store.expiredIn(JobState.QUEUED, T0.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void fullQueueRefusesTheNextJob() throws Exception {
        store.insert(job("a", JobType.RAW, T0, Duration.ofHours(1)), 2);
        store.insert(job("b", JobType.RAW, T0, Duration.ofHours(1)), 2);

        assertThatThrownBy(() -> store.insert(job("c", JobType.RAW, T0, Duration.ofHours(1)), 2))
                .isInstanceOf(JobStore.QueueFullException.class)
                .hasMessageContaining("already has 2 jobs waiting (limit 2)");
    }

    private static Job job(String id, JobType type, Instant created, Duration ttl) {
        return Job.queued(id, "s", type, "", new JobPayload.Status(), created, created.plus(ttl), "test");
    }
}
