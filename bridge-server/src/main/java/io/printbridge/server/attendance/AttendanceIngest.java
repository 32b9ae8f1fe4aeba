package io.printbridge.server.attendance;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.AttendanceBatch;
import io.printbridge.proto.v1.AttendanceStored;
import io.printbridge.server.cluster.Cluster;
import io.printbridge.server.cluster.ClusterMessage;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the agents' batches of punches: checks each on the stream's thread (a bad one is refused
 * at once, naming the field), stores it on a small pool of its own, and answers once it is
 * committed. One batch per store at a time (an agent sends one and waits), and a bounded queue
 * behind the pool: a shop that floods, or many shops at once, get a refusal and send again later;
 * none of them holds up the job writer or another shop's stream.
 */
@Singleton
public final class AttendanceIngest {

    private static final Logger log = LoggerFactory.getLogger(AttendanceIngest.class);
    /** Threads that write punches: the database's commits are the limit, not the threads. */
    static final int WRITERS = 2;
    /** Batches waiting for a writer: past this, new ones are refused and the agents send them again. */
    static final int QUEUE = 256;

    private final PunchStore punches;
    private final BridgeEvents events;
    private final Clock clock;
    private final Cluster cluster;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor writers;

    AttendanceIngest(PunchStore punches, BridgeEvents events, Clock clock, Cluster cluster) {
        this.punches = requireNonNull(punches, "punches");
        this.events = requireNonNull(events, "events");
        this.clock = requireNonNull(clock, "clock");
        this.cluster = requireNonNull(cluster, "cluster");
        AtomicInteger count = new AtomicInteger();
        this.writers =
                new ThreadPoolExecutor(WRITERS, WRITERS, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "attendance-writer-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Stores {@code batch} of {@code storeId}'s agent. The stage completes with the answer once the
     * punches are committed, or fails with {@link AttendanceRefusedException} (the batch is not
     * stored and its message says why) or another exception (the database failed; the agent sends
     * it again).
     */
    public CompletionStage<AttendanceStored> store(String storeId, AttendanceBatch batch) {
        List<PunchCheck.Checked> checked;
        try {
            checked = PunchCheck.check(batch);
        } catch (AttendanceRefusedException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!inFlight.add(storeId)) {
            return CompletableFuture.failedFuture(new AttendanceRefusedException(
                    "batch " + batch.getBatchId() + ": the store already has a batch being stored (expected: one at a"
                            + " time, each sent after the last one's answer)"));
        }
        CompletableFuture<AttendanceStored> answer = new CompletableFuture<>();
        try {
            writers.execute(() -> {
                try {
                    answer.complete(write(storeId, batch, checked));
                } catch (RuntimeException e) {
                    log.warn("store {}: attendance batch {} not stored: {}", storeId, batch.getBatchId(), e.toString());
                    answer.completeExceptionally(e);
                } finally {
                    inFlight.remove(storeId);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(storeId);
            answer.completeExceptionally(new AttendanceRefusedException("the server is storing " + QUEUE
                    + " batches already; this one is not stored, send it again later"));
        }
        return answer;
    }

    private AttendanceStored write(String storeId, AttendanceBatch batch, List<PunchCheck.Checked> checked) {
        Instant now = clock.instant();
        PunchStore.Stored stored = punches.store(storeId, batch, checked, now);
        if (!stored.fresh().isEmpty()) {
            events.publish(new BridgeEvent.AttendanceRecorded(storeId, batch.getClock(), stored.fresh(), now));
            // The ERP's live events may be open on another server: it shows them too (AttendanceHints).
            LongSummaryStatistics ids =
                    stored.fresh().stream().mapToLong(StoredPunch::id).summaryStatistics();
            cluster.send(new ClusterMessage.PunchesStored(storeId, ids.getMin(), ids.getMax()));
        }
        return AttendanceStored.newBuilder()
                .setBatchId(batch.getBatchId())
                .setStored(stored.fresh().size())
                .setDuplicates(stored.duplicates())
                .build();
    }

    @PreDestroy
    void close() {
        writers.shutdown();
        try {
            // Batches under way finish; an agent whose answer is lost sends its batch again.
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
