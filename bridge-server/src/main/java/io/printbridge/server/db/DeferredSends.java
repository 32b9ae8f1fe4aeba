package io.printbridge.server.db;

import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobState;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds back a job's SENT (and its agent's acknowledgement) for up to {@link #HOLD_NANOS}, so
 * that when the result arrives in that time, which is the common case, the job is written once,
 * QUEUED to DONE with both steps in its history, instead of three times. Nothing waits for a SENT
 * to be stored, and if the server stops before writing one, the job is still QUEUED in the
 * database and is delivered again, which the agent's journal answers without printing twice.
 *
 * <p>Order is kept: any write that reads jobs back (a read-modify-write, a store's requeue) first
 * releases everything held, and a change to a held job that does not follow from it is written
 * after it.
 *
 * <p>Used by the writer thread only.
 */
final class DeferredSends {

    static final long HOLD_NANOS = 200_000_000L;

    private static final class Held {
        final Job queued;
        Job sent;
        final long releaseAt;

        Held(Job queued, Job sent, long releaseAt) {
            this.queued = queued;
            this.sent = sent;
            this.releaseAt = releaseAt;
        }

        /**
         * The held SENT as a write asked for at {@code now}: it was held on purpose, so the writer's
         * lag counts it from its release (a write never stamped would count from the clock's origin).
         */
        JobWrites.Transition write(long now) {
            JobWrites.Transition write = new JobWrites.Transition(queued, sent);
            write.queuedAt(now);
            return write;
        }
    }

    /** In the order they were held, which is also the order they are due. */
    private final Map<String, Held> held = new LinkedHashMap<>();

    /** Adds {@code write} to {@code group}, or holds it, or merges it with what is held. */
    void route(JobWrite<?> write, List<JobWrite<?>> group, long now) {
        if (write instanceof JobWrites.Sent sent) {
            Held earlier = held.remove(sent.sent().id());
            if (earlier != null) {
                group.add(earlier.write(now));
            }
            held.put(sent.sent().id(), new Held(sent.queued(), sent.sent(), now + HOLD_NANOS));
        } else if (write instanceof JobWrites.Acknowledge ack && held.containsKey(ack.id())) {
            Held h = held.get(ack.id());
            h.sent = h.sent.acknowledged(ack.at());
        } else if (write instanceof JobWrites.Transition change
                && held.containsKey(change.before().id())) {
            Held h = held.remove(change.before().id());
            if (follows(change.before(), h.sent)) {
                change.continueFrom(h.queued, h.sent);
            } else {
                group.add(h.write(now));
            }
            group.add(change);
        } else if (write instanceof JobWrites.Insert
                || write instanceof JobWrites.Transition
                || write instanceof JobWrites.Acknowledge) {
            group.add(write);
        } else {
            // Reads jobs back: everything asked for before it must be in the database first.
            releaseAll(group, now);
            group.add(write);
        }
    }

    /** Adds the held SENTs that are due by {@code now} to {@code group}. */
    void releaseDue(List<JobWrite<?>> group, long now) {
        for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.releaseAt - now > 0) {
                return;
            }
            group.add(h.write(now));
            it.remove();
        }
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    void releaseAll(List<JobWrite<?>> group, long now) {
        held.values().forEach(h -> group.add(h.write(now)));
        held.clear();
    }

    /** Nanoseconds until the next held SENT is due, or -1 if none is held. */
    long nanosUntilDue(long now) {
        if (held.isEmpty()) {
            return -1;
        }
        return Math.max(0, held.values().iterator().next().releaseAt - now);
    }

    private static boolean follows(Job before, Job sent) {
        return before.state() == JobState.SENT
                && before.lastTransition().step() == sent.lastTransition().step();
    }
}
