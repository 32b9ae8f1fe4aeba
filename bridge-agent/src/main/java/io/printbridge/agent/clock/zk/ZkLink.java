package io.printbridge.agent.clock.zk;

import io.printbridge.agent.clock.ClockException;
import org.jspecify.annotations.Nullable;

/** Packets to and from one clock, over TCP or UDP. After an exception the link is spent. */
interface ZkLink extends AutoCloseable {

    void send(ZkPacket packet) throws ClockException;

    /**
     * The next packet, waiting until {@code deadlineNanos} ({@link System#nanoTime()}); null when
     * none came by then and the link is still whole (nothing was half read).
     */
    @Nullable
    ZkPacket receive(long deadlineNanos) throws ClockException;

    /** The largest chunk to ask for in a buffer transfer. */
    int chunkSize();

    @Override
    void close();
}
