package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.link.StreamListener;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.AttendanceBatch;
import io.printbridge.proto.v1.AttendanceRefused;
import io.printbridge.proto.v1.AttendanceStored;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Sends batches of punches up the stream one at a time and waits for the server's answer. One at
 * a time for the whole agent, whatever the number of clocks: the server takes one batch per store
 * at a time, and a second one would only be refused.
 */
public final class AttendanceUploads implements StreamListener {

    /** Punches per batch, as the contract allows. */
    static final int MAX_BATCH = 500;

    private final Predicate<AgentMessage> stream;
    private final Object oneAtATime = new Object();
    private final String prefix = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private long sequence;

    /** The batch waiting for its answer, and that answer's future. */
    private @Nullable String pendingId;

    private @Nullable CompletableFuture<AttendanceStored> pending;

    /**
     * @param stream sends a message on the current stream if it is welcomed by a server that
     *     stores attendance; false when it did not go (see {@code AgentLink#sendAttendance})
     */
    public AttendanceUploads(Predicate<AgentMessage> stream) {
        this.stream = requireNonNull(stream, "stream");
    }

    /**
     * Sends {@code batch} (its id is set here) and returns once the server said it is stored.
     *
     * @throws UploadFailedException when it was not sent, not answered within {@code timeout}, or refused
     */
    AttendanceStored upload(AttendanceBatch batch, Duration timeout)
            throws UploadFailedException, InterruptedException {
        synchronized (oneAtATime) {
            String id;
            CompletableFuture<AttendanceStored> answer = new CompletableFuture<>();
            synchronized (this) {
                id = prefix + "-" + (++sequence);
                pendingId = id;
                pending = answer;
            }
            try {
                if (!stream.test(AgentMessage.newBuilder()
                        .setAttendance(batch.toBuilder().setBatchId(id))
                        .build())) {
                    throw new UploadFailedException(
                            UploadFailedException.Reason.NO_STREAM, "no stream to a server that stores attendance");
                }
                return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new UploadFailedException(
                        UploadFailedException.Reason.NO_ANSWER,
                        "no answer from the server within " + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UploadFailedException failed) {
                    throw failed;
                }
                throw new UploadFailedException(UploadFailedException.Reason.NO_ANSWER, String.valueOf(e.getMessage()));
            } finally {
                synchronized (this) {
                    pendingId = null;
                    pending = null;
                }
            }
        }
    }

    @Override
    public void attendanceStored(AttendanceStored stored) {
        CompletableFuture<AttendanceStored> answer = take(stored.getBatchId());
        if (answer != null) {
            answer.complete(stored);
        }
    }

    @Override
    public void attendanceRefused(AttendanceRefused refused) {
        CompletableFuture<AttendanceStored> answer = take(refused.getBatchId());
        if (answer != null) {
            answer.completeExceptionally(new UploadFailedException(
                    UploadFailedException.Reason.REFUSED, "refused by the server: " + refused.getMessage()));
        }
    }

    @Override
    public void ended() {
        CompletableFuture<AttendanceStored> answer;
        synchronized (this) {
            answer = pending;
            pendingId = null;
            pending = null;
        }
        if (answer != null) {
            answer.completeExceptionally(new UploadFailedException(
                    UploadFailedException.Reason.NO_STREAM, "the stream ended before the server answered"));
        }
    }

    /** The future of the batch {@code id} if it is the one waiting (a late answer to an old one is dropped). */
    private synchronized @Nullable CompletableFuture<AttendanceStored> take(String id) {
        if (pending == null || !id.equals(pendingId)) {
            return null;
        }
        CompletableFuture<AttendanceStored> answer = pending;
        pendingId = null;
        pending = null;
        return answer;
    }
}
