package io.printbridge.server.jobs;

/**
 * Where jobs go once stored: the stream of their store, if this server holds it. Implemented by
 * the streams' registry; the job side knows nothing of streams.
 */
public interface JobDelivery {

    /** A new job was stored: its store's stream, if here, sends it when the window has room. */
    void offer(Job job);

    /** {@code job} was ended by someone else (the sweep): its store's stream forgets it, freeing a slot. */
    void ended(Job job);
}
