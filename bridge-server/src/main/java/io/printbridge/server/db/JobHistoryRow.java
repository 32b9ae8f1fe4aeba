package io.printbridge.server.db;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code job_history}: one step of a job, keyed by the job and the step's number. */
@MappedEntity("job_history")
record JobHistoryRow(@EmbeddedId Key key, String state, Instant at, String reason) {

    /** The primary key: the job and the number of its step (1 for QUEUED). */
    @Embeddable
    record Key(
            @MappedProperty("job_id") String jobId,
            @MappedProperty("step") int step) {}
}
