package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.Submission;
import io.printbridge.server.testing.TestDatabase;
import io.printbridge.server.testing.TestJobs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge.jobs.commit-gather}: a write that finds the job writer idle waits that long for
 * others, and those asked for meanwhile share its commit. The window here is long (a second) so
 * that a write sent a tenth of it later cannot miss it on a slow machine.
 */
class CommitGatherTest {

    @TempDir
    Path dir;

    private ApplicationContext context;
    private JobStore store;
    private JobWriter writer;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aWriteAskedForWithinTheWindowSharesTheFirstOnesCommit() throws Exception {
        start("1s");
        long commitsBefore = writer.commits();
        long writesBefore = writer.writesCommitted();

        CompletableFuture<Submission> first = store.insert(TestJobs.print("alger-01", now), 10);
        Thread.sleep(100);
        assertThat(first).as("the first write waits out the window").isNotDone();
        CompletableFuture<Submission> second = store.insert(TestJobs.print("oran-02", now), 10);

        assertThat(first.get(10, TimeUnit.SECONDS).created()).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS).created()).isTrue();
        awaitCounted(writesBefore + 2);
        assertThat(writer.commits() - commitsBefore).as("commits").isEqualTo(1);
    }

    @Test
    void withoutAWindowAWriteIsCommittedAsSoonAsTheWriterSeesIt() throws Exception {
        start("0ms");
        long commitsBefore = writer.commits();
        long writesBefore = writer.writesCommitted();

        assertThat(store.insert(TestJobs.print("alger-01", now), 10)
                        .get(10, TimeUnit.SECONDS)
                        .created())
                .isTrue();
        assertThat(store.insert(TestJobs.print("oran-02", now), 10)
                        .get(10, TimeUnit.SECONDS)
                        .created())
                .isTrue();

        awaitCounted(writesBefore + 2);
        assertThat(writer.commits() - commitsBefore).as("commits").isEqualTo(2);
    }

    /** The writer counts a commit just after it answers its writes. */
    private void awaitCounted(long writes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.writesCommitted() < writes && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.writesCommitted()).as("writes committed").isEqualTo(writes);
    }

    private void start(String gather) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.H2.properties(dir.resolve("data")));
        properties.put("bridge.jobs.sweep-interval", "1h");
        properties.put("bridge.jobs.commit-gather", gather);
        // Only the store: no agent port (the "cli" environment).
        context = ApplicationContext.run(properties, "cli");
        store = context.getBean(JobStore.class);
        writer = context.getBean(JobWriter.class);
    }
}
