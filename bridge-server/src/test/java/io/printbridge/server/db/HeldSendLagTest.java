package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.testing.TestDatabase;
import io.printbridge.server.testing.TestJobs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's SENT held back for its result ({@link DeferredSends}) and then written alone, as it is for
 * every receipt a real printer takes longer than the hold to print, counts in the writer's lag only
 * from when it was released: it was held on purpose, not left behind. Counted from when it was
 * first asked for (or from nothing at all), the lag of that commit made the server refuse new jobs
 * as if its writes were late.
 */
class HeldSendLagTest {

    @TempDir
    Path dir;

    private ApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aSentWrittenAloneAfterItsHoldIsNotCountedAsLag() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabase.H2.properties(dir.resolve("data")));
        properties.put("bridge.jobs.sweep-interval", "1h");
        context = ApplicationContext.run(properties, "cli");
        JobStore store = context.getBean(JobStore.class);
        JobWriter writer = context.getBean(JobWriter.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long heldMillis = TimeUnit.NANOSECONDS.toMillis(DeferredSends.HOLD_NANOS);

        long worstLag = 0;
        for (int i = 0; i < 5; i++) {
            Job queued = TestJobs.print("alger-01", now);
            assertThat(store.insert(queued, 10).get(10, TimeUnit.SECONDS).created())
                    .isTrue();
            long writesBefore = writer.writesCommitted();
            store.sent(queued, queued.to(JobState.SENT, now.plusMillis(1), "sent to the agent"));
            // No result comes: the SENT is written alone once its hold is over. Watch the lag until then.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heldMillis * 3);
            while (writer.writesCommitted() == writesBefore && System.nanoTime() < until) {
                worstLag = Math.max(worstLag, writer.lagNanos());
            }
            assertThat(writer.writesCommitted()).as("the SENT written").isGreaterThan(writesBefore);
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(worstLag))
                .as("the writer's lag while held SENTs were written (ms)")
                .isLessThan(heldMillis);
    }
}
