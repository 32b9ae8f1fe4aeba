package io.printbridge.server.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {

    private final Instant t0 = Instant.parse("2026-11-24T08:00:00Z");
    private final DeliveryQueue queue = new DeliveryQueue();

    @Test
    void drawerAndStatusGoBeforePrintsThenOldestFirst() {
        Job print1 = job(JobType.RAW, 1);
        Job print2 = job(JobType.INVOICE, 2);
        Job drawer = job(JobType.DRAWER, 3);
        Job status = job(JobType.STATUS, 4);
        queue.add(print2);
        queue.add(status);
        queue.add(print1);
        queue.add(drawer);

        assertThat(drain()).containsExactly(drawer.id(), status.id(), print1.id(), print2.id());
    }

    @Test
    void theLoadedQueueMergesWithJobsAddedMeanwhileWithoutDuplicates() {
        Job a = job(JobType.RAW, 1);
        Job b = job(JobType.RAW, 2);
        Job c = job(JobType.RAW, 3);
        queue.add(c); // stored after the load began, and also read by it
        assertThat(queue.isLoaded()).isFalse();

        queue.loaded(List.of(a, b, c));

        assertThat(queue.isLoaded()).isTrue();
        assertThat(drain()).containsExactly(a.id(), b.id(), c.id());
    }

    @Test
    void aSentJobIsNotAddedAgainAndLeavesTheWindowWhenAnswered() {
        Job a = job(JobType.RAW, 1);
        queue.add(a);
        Job next = queue.next();
        Job sent = next.to(JobState.SENT, t0.plusSeconds(5), "sent");
        queue.sent(sent);

        queue.add(a);
        assertThat(queue.waitingCount()).isZero();
        assertThat(queue.inFlight()).isEqualTo(1);

        queue.acknowledged(a.id(), t0.plusSeconds(6));
        Job answered = queue.answered(a.id());
        assertThat(answered.acknowledged()).isTrue();
        assertThat(queue.inFlight()).isZero();
        assertThat(queue.answered(a.id())).isNull();
    }

    @Test
    void forgetDropsAWaitingOrSentJob() {
        Job a = job(JobType.RAW, 1);
        Job b = job(JobType.RAW, 2);
        queue.add(a);
        queue.add(b);
        queue.sent(queue.next().to(JobState.SENT, t0, "sent"));

        assertThat(queue.forget(b.id())).isTrue();
        assertThat(queue.forget(a.id())).isTrue();
        assertThat(queue.forget(a.id())).isFalse();
        assertThat(queue.waitingCount()).isZero();
        assertThat(queue.inFlight()).isZero();
    }

    @Test
    void aResultForAJobThatStillWaitsTakesItOutOfTheQueue() {
        Job a = job(JobType.RAW, 1);
        Job b = job(JobType.RAW, 2);
        queue.add(a);
        queue.add(b);

        assertThat(queue.takeWaiting(a.id())).isEqualTo(a);
        assertThat(queue.takeWaiting(a.id())).isNull();
        assertThat(drain()).containsExactly(b.id());
    }

    private List<String> drain() {
        List<String> ids = new ArrayList<>();
        for (Job job = queue.next(); job != null; job = queue.next()) {
            ids.add(job.id());
        }
        return ids;
    }

    private Job job(JobType type, int secondsAfterStart) {
        Instant created = t0.plusSeconds(secondsAfterStart);
        JobPayload payload = switch (type) {
            case DRAWER -> new JobPayload.Drawer(0, 100);
            case STATUS -> new JobPayload.Status();
            default -> new JobPayload.Print(new byte[] {1}, null);
        };
        return Job.queued(
                UUID.randomUUID().toString(),
                "alger-01",
                type,
                "",
                payload,
                created,
                created.plusSeconds(3600),
                "erp",
                null,
                null);
    }
}
