package io.printbridge.server.db;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * One write asked of the {@link JobWriter}: staged into the group commit it falls in, answered
 * once that commit is done. A write may be staged again from scratch if its group failed and is
 * retried write by write, so {@link #stage} resets whatever it decided before.
 *
 * @param <T> what the caller learns once the write is committed
 */
abstract class JobWrite<T> {

    private final CompletableFuture<T> done = new CompletableFuture<>();
    /** When it was handed to the writer ({@link System#nanoTime}): the oldest waiting one's age is the writer's lag. */
    private long queuedAtNanos;

    /** Asks for what {@link #stage} will read, to be read once for the whole group; most writes read nothing. */
    void wants(GroupReads reads) {}

    /** Stages this write, or runs it at once where it must read first; runs on the writer thread. */
    abstract void stage(WriteBatch batch, JobRepository jobs) throws SQLException;

    /** What the caller learns, decided by {@link #stage} and the batch's flush. */
    abstract T outcome() throws Exception;

    /** The caller's view: completes after the commit, on the writer thread. */
    final CompletableFuture<T> done() {
        return done;
    }

    final void queuedAt(long nanos) {
        queuedAtNanos = nanos;
    }

    final long queuedAtNanos() {
        return queuedAtNanos;
    }

    /** Called after the commit. */
    final void committed() {
        try {
            done.complete(outcome());
        } catch (Exception refusal) {
            done.completeExceptionally(refusal);
        }
    }

    final void failed(Throwable error) {
        done.completeExceptionally(error);
    }
}
