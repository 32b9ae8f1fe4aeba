package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobTransition;
import io.printbridge.server.jobs.JobType;
import io.printbridge.server.jobs.Submission;
import io.printbridge.server.testing.LogCapture;
import io.printbridge.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job store's writes on a real database (H2 and PostgreSQL): group commits, a bad write
 * failing alone, SENT held back and merged with the result, guarded changes, idempotency keys
 * and queue limits counted by the writer.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class JobStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    ApplicationContext context;
    JobStore store;
    JobWriter writer;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void start() {
        database.assumeAvailable();
        Map<String, Object> properties = new HashMap<>(database.properties(dir.resolve("data")));
        // Only the store: no agent port (the "cli" environment), no sweep racing the tests.
        properties.put("bridge.jobs.sweep-interval", "1h");
        context = ApplicationContext.run(properties, "cli");
        store = context.getBean(JobStore.class);
        writer = context.getBean(JobWriter.class);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aNewJobIsReadableWithItsFirstStepAndAuditRowOnceItsInsertCompletes() throws Exception {
        Job job = print("alger-01", "ticket");

        Submission submission = get(store.insert(job, 10));

        assertThat(submission.created()).isTrue();
        assertThat(store.find(job.id()))
                .hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(JobState.QUEUED));
        assertThat(store.history(job.id())).extracting(JobTransition::state).containsExactly(JobState.QUEUED);
        assertThat(context.getBean(AuditLogRepository.class).count("erp", "job.create", job.id()))
                .isEqualTo(1);
    }

    @Test
    void aBadWriteInAGroupFailsAloneAndTheOthersAreStored() throws Exception {
        List<CompletableFuture<Submission>> good = new ArrayList<>();
        CompletableFuture<Submission> bad;
        try (LogCapture log = new LogCapture(JobWriter.class.getName());
                HeldWriter held = new HeldWriter()) {
            for (int i = 0; i < 5; i++) {
                good.add(store.insert(print("alger-01", "ticket " + i), 100));
            }
            // The printer column holds 64 characters: the database refuses this row.
            bad = store.insert(
                    Job.queued(
                            UUID.randomUUID().toString(),
                            "alger-01",
                            JobType.RAW,
                            "p".repeat(65),
                            new JobPayload.Print(new byte[] {1}, null),
                            now,
                            now.plusSeconds(60),
                            "erp",
                            null,
                            null),
                    100);
            good.add(store.insert(print("alger-01", "after"), 100));
            held.release();
            for (CompletableFuture<Submission> g : good) {
                assertThat(get(g).created()).isTrue();
                assertThat(store.find(get(g).job().id())).isPresent();
            }
            assertThatThrownBy(() -> get(bad)).hasRootCauseInstanceOf(SQLException.class);
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("writing them one by one"));
        }
    }

    @Test
    void aSentFollowedByItsResultIsStoredWithBothStepsInOrder() throws Exception {
        Job queued = get(store.insert(print("alger-01", "ticket"), 10)).job();
        Job sent = queued.to(JobState.SENT, now.plusMillis(1), "sent to the agent");
        Job done = sent.withOutcome(6, null).to(JobState.DONE, now.plusMillis(2), "done");

        store.sent(queued, sent);
        boolean applied = get(store.transition(sent, done));

        assertThat(applied).isTrue();
        assertThat(store.find(queued.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
        List<JobTransition> history = store.history(queued.id());
        assertThat(history)
                .extracting(JobTransition::state)
                .containsExactly(JobState.QUEUED, JobState.SENT, JobState.DONE);
        assertThat(history.get(1).reason()).isEqualTo("sent to the agent");
        assertThat(history.get(1).at()).isEqualTo(sent.updatedAt());
        assertThat(store.find(queued.id()).orElseThrow().sentAt()).isEqualTo(sent.updatedAt());
    }

    @Test
    void aSentWithoutResultIsWrittenAfterItsHoldAndAcknowledgementsGoWithIt() throws Exception {
        Job queued = get(store.insert(print("alger-01", "ticket"), 10)).job();
        Job sent = queued.to(JobState.SENT, now.plusMillis(1), "sent to the agent");

        store.sent(queued, sent);
        store.acknowledge(queued.id(), "alger-01", now.plusMillis(2));
        assertThat(store.find(queued.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED); // still held

        Job stored = awaitState(queued.id(), JobState.SENT);
        assertThat(stored.acknowledged()).isTrue();
        assertThat(store.history(queued.id()))
                .extracting(JobTransition::state)
                .containsExactly(JobState.QUEUED, JobState.SENT);
    }

    @Test
    void aReadModifyWriteSeesAHeldSent() throws Exception {
        Job queued = get(store.insert(print("alger-01", "ticket"), 10)).job();
        store.sent(queued, queued.to(JobState.SENT, now.plusMillis(1), "sent to the agent"));

        // A requeue reads the store's SENT jobs: the held SENT is written first, so it is found.
        List<Job> again = get(store.requeueSent("alger-01", now.plusMillis(5), "the connection was lost"));

        assertThat(again).extracting(Job::id).containsExactly(queued.id());
        assertThat(store.history(queued.id()))
                .extracting(JobTransition::state)
                .containsExactly(JobState.QUEUED, JobState.SENT, JobState.QUEUED);
    }

    @Test
    void aChangeFromAStaleStepDoesNotApply() throws Exception {
        Job queued = get(store.insert(print("alger-01", "ticket"), 10)).job();
        Job expired = queued.to(JobState.EXPIRED, now.plusMillis(1), "expired");
        assertThat(get(store.transition(queued, expired))).isTrue();

        boolean applied = get(store.transition(queued, queued.to(JobState.SENT, now.plusMillis(2), "sent")));

        assertThat(applied).isFalse();
        assertThat(store.find(queued.id()).orElseThrow().state()).isEqualTo(JobState.EXPIRED);
        assertThat(store.history(queued.id())).hasSize(2);
    }

    @Test
    void theSameIdempotencyKeyInOneGroupStoresOneJob() throws Exception {
        CompletableFuture<Submission> first;
        CompletableFuture<Submission> retry;
        try (HeldWriter held = new HeldWriter()) {
            first = store.insert(keyed("alger-01", "k-1"), 10);
            retry = store.insert(keyed("alger-01", "k-1"), 10);
            held.release();
        }
        assertThat(get(first).created()).isTrue();
        assertThat(get(retry).created()).isFalse();
        assertThat(get(retry).job().id()).isEqualTo(get(first).job().id());

        Submission later = get(store.insert(keyed("alger-01", "k-1"), 10));
        assertThat(later.created()).isFalse();
        assertThat(later.job().id()).isEqualTo(get(first).job().id());
    }

    @Test
    void theQueueLimitCountsWaitingJobsAndFreesASlotWhenOneLeaves() throws Exception {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(get(store.insert(print("oran-02", "t" + i), 3)).job());
        }
        assertThatThrownBy(() -> get(store.insert(print("oran-02", "over"), 3)))
                .hasCauseInstanceOf(JobStore.QueueFullException.class)
                .hasMessageContaining("store oran-02 already has 3 jobs waiting (limit 3)");
        assertThat(get(store.insert(print("setif-04", "other store"), 3)).created())
                .isTrue();

        Job sent = jobs.get(0).to(JobState.SENT, now.plusMillis(1), "sent");
        store.sent(jobs.get(0), sent);
        get(store.transition(sent, sent.to(JobState.DONE, now.plusMillis(2), "done")));

        assertThat(get(store.insert(print("oran-02", "fits again"), 3)).created())
                .isTrue();
    }

    @Test
    void aGroupReadsItsKeysOnceAndAnswersACommittedKeyWithItsEarlierJob() throws Exception {
        Job committed = get(store.insert(keyed("alger-01", "k-old"), 10)).job();
        CompletableFuture<Submission> again;
        CompletableFuture<Submission> fresh;
        CompletableFuture<Submission> otherStore;
        try (HeldWriter held = new HeldWriter()) {
            again = store.insert(keyed("alger-01", "k-old"), 10);
            fresh = store.insert(keyed("alger-01", "k-new"), 10);
            otherStore = store.insert(keyed("oran-02", "k-other"), 10);
            held.release();
        }
        assertThat(get(again).created()).isFalse();
        assertThat(get(again).job().id()).isEqualTo(committed.id());
        assertThat(get(fresh).created()).isTrue();
        assertThat(get(otherStore).created()).isTrue();
        assertThat(store.find(get(fresh).job().id())).isPresent();
    }

    @Test
    void theQueueLimitHoldsWithinOneGroup() throws Exception {
        get(store.insert(print("oran-02", "t0"), 3));
        get(store.insert(print("oran-02", "t1"), 3));
        List<CompletableFuture<Submission>> inOneGroup = new ArrayList<>();
        try (HeldWriter held = new HeldWriter()) {
            for (int i = 0; i < 3; i++) {
                inOneGroup.add(store.insert(print("oran-02", "g" + i), 3));
            }
            held.release();
        }
        assertThat(get(inOneGroup.get(0)).created()).isTrue();
        for (CompletableFuture<Submission> over : inOneGroup.subList(1, 3)) {
            assertThatThrownBy(() -> get(over))
                    .hasCauseInstanceOf(JobStore.QueueFullException.class)
                    .hasMessageContaining("store oran-02 already has 3 jobs waiting (limit 3)");
        }
    }

    @Test
    void takeOverQueuesSentJobsAgainAndReadsTheQueueInDeliveryOrder() throws Exception {
        Job print = get(store.insert(print("alger-01", "receipt"), 10)).job();
        Job drawer = get(store.insert(
                        Job.queued(
                                UUID.randomUUID().toString(),
                                "alger-01",
                                JobType.DRAWER,
                                "",
                                new JobPayload.Drawer(0, 100),
                                now.plusMillis(5),
                                now.plusSeconds(15),
                                "erp",
                                null,
                                null),
                        10))
                .job();
        Job sent = print.to(JobState.SENT, now.plusMillis(6), "sent");
        store.sent(print, sent);

        JobStore.TakeOver takeOver = get(store.takeOver("alger-01", now.plusMillis(7), "new connection"));

        assertThat(takeOver.queue()).extracting(Job::id).containsExactly(drawer.id(), print.id());
        assertThat(takeOver.requeued()).singleElement().satisfies(j -> {
            assertThat(j.id()).isEqualTo(print.id());
            assertThat(j.state()).isEqualTo(JobState.QUEUED);
        });
        assertThat(store.history(print.id()))
                .extracting(JobTransition::reason)
                .containsExactly("accepted from erp", "sent", "new connection");
    }

    // ------------------------------------------------------------------ helpers

    private Job print(String storeId, String text) {
        return Job.queued(
                UUID.randomUUID().toString(),
                storeId,
                JobType.RAW,
                "",
                new JobPayload.Print(text.getBytes(StandardCharsets.UTF_8), null),
                now,
                now.plusSeconds(3600),
                "erp",
                null,
                null);
    }

    private Job keyed(String storeId, String key) {
        return Job.queued(
                UUID.randomUUID().toString(),
                storeId,
                JobType.RAW,
                "",
                new JobPayload.Print(new byte[] {1}, null),
                now,
                now.plusSeconds(3600),
                "erp",
                key,
                "hash");
    }

    private Job awaitState(String id, JobState state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Job> job = store.find(id);
            if (job.isPresent() && job.get().state() == state) {
                return job.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " not " + state + " within " + WAIT + ": " + store.find(id));
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e;
        }
    }

    /**
     * Keeps the writer busy until {@link #release()}, so that the writes asked for meanwhile are
     * all taken as one group.
     */
    private final class HeldWriter implements AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HeldWriter() throws InterruptedException {
            writer.submit(new JobWrite<Void>() {
                @Override
                void stage(WriteBatch batch, JobRepository jobs) {
                    entered.countDown();
                    try {
                        released.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                Void outcome() {
                    return null;
                }
            });
            assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            released.countDown();
        }
    }
}
