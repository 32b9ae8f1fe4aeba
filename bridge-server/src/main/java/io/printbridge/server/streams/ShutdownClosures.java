package io.printbridge.server.streams;

import java.util.concurrent.atomic.LongAdder;

/**
 * While the server stops, the streams it told to come back close by the thousand, and the jobs sent
 * on them are queued again store by store: a line each would bury the shutdown's own lines (issue
 * 20: one per shop, 20,000 at a fleet's size). Once the stop has begun they are counted here, their
 * own lines go to DEBUG, and {@link AgentStreams} writes the counts as one line.
 */
final class ShutdownClosures {

    private volatile boolean stopping;
    private final LongAdder streams = new LongAdder();
    private final LongAdder requeuedStores = new LongAdder();
    private final LongAdder requeuedJobs = new LongAdder();

    void begin() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    void streamClosed() {
        streams.increment();
    }

    void jobsQueuedAgain(int jobs) {
        requeuedStores.increment();
        requeuedJobs.add(jobs);
    }

    /** The line for the log. */
    String summary() {
        return "while stopping: " + streams.sum() + " agent stream(s) closed; " + requeuedJobs.sum()
                + " job(s) sent on them queued again for " + requeuedStores.sum() + " store(s)";
    }
}
