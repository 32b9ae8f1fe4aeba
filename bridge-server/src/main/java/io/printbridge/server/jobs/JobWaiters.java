package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.printbridge.logging.LogSafe;
import io.printbridge.server.cluster.Cluster;
import io.printbridge.server.cluster.ClusterMessage;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Final jobs and who waits for them ({@code ?wait}): each job that becomes final, once stored, is
 * announced here, which completes its waiters and publishes it to the live views and webhooks. No
 * thread waits: a waiter is a future that completes with the final job, or empty when its wait is
 * over.
 */
@Singleton
public final class JobWaiters {

    private static final Logger log = LoggerFactory.getLogger(JobWaiters.class);

    private final JobStore store;
    private final BridgeEvents events;
    private final Cluster cluster;
    private final Map<String, List<CompletableFuture<Optional<Job>>>> waiters = new ConcurrentHashMap<>();

    public JobWaiters(JobStore store, BridgeEvents events, Cluster cluster) {
        this.store = requireNonNull(store, "store");
        this.events = requireNonNull(events, "events");
        this.cluster = requireNonNull(cluster, "cluster");
    }

    /**
     * Waits for job {@code id}, which is not stored yet: registered before the job can be sent, so
     * its end cannot slip past. Completes with the final job, or empty when {@code timeout} is over
     * or {@link #cancel} is called (the job was never created).
     */
    public CompletableFuture<Optional<Job>> awaitNew(String id, Duration timeout) {
        CompletableFuture<Optional<Job>> waiter = new CompletableFuture<>();
        waiters.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(waiter);
        waiter.completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((job, error) -> remove(id, waiter));
        return waiter;
    }

    /** Ends {@code waiter}, registered for a job that will not be created after all: completes it empty. */
    public void cancel(CompletableFuture<Optional<Job>> waiter) {
        waiter.complete(Optional.empty());
    }

    /**
     * Waits for {@code job}, already stored and read ({@code GET …?wait}, a retry): reads it once
     * more after registering (call it where a database read may block), since it may have become
     * final in between. Completes with the final job, or empty when {@code timeout} is over (read
     * it again then, off the timer's thread).
     */
    public CompletableFuture<Optional<Job>> awaitStored(Job job, Duration timeout) {
        if (job.state().isFinal()) {
            return CompletableFuture.completedFuture(Optional.of(job));
        }
        if (timeout.isZero()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<Job>> waiter = awaitNew(job.id(), timeout);
        store.find(job.id()).filter(j -> j.state().isFinal()).ifPresent(done -> waiter.complete(Optional.of(done)));
        return waiter;
    }

    /**
     * {@code job} became final and is stored: its waiters get it, and so do the live views and
     * webhooks. Called once per job, by whoever ended it.
     */
    public void finished(Job job) {
        if (cluster.enabled()) {
            // Whoever waits on another server, and the server holding the store's stream, are told.
            cluster.send(new ClusterMessage.JobFinished(job.storeId(), job.id()));
        }
        finishedElsewhere(job);
    }

    /**
     * {@code job} became final on another server (or this one: see {@link #finished}): its waiters
     * here get it, and so do the live views here. Webhooks are not sent twice: they are rows
     * written with the final state, sent once by whichever server claims them.
     */
    public void finishedElsewhere(Job job) {
        events.publish(new BridgeEvent.JobChanged(job, job.updatedAt()));
        if (log.isDebugEnabled()) {
            log.debug(
                    "job {} for store {} is {}{}",
                    job.id(),
                    job.storeId(),
                    job.state(),
                    job.error() != null ? ": " + LogSafe.text(job.error().message()) : "");
        }
        List<CompletableFuture<Optional<Job>>> list = waiters.remove(job.id());
        if (list != null) {
            Optional<Job> done = Optional.of(job);
            list.forEach(w -> w.complete(done));
        }
    }

    /** The jobs someone here waits for, so a sweep can look for those whose end was not heard. */
    public List<String> waitedIds() {
        return List.copyOf(waiters.keySet());
    }

    private void remove(String id, CompletableFuture<Optional<Job>> waiter) {
        waiters.computeIfPresent(id, (k, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }
}
