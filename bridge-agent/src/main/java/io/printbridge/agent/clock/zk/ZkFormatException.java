package io.printbridge.agent.clock.zk;

/**
 * Bytes that are not what the ZK protocol says: a bad checksum, a short packet, an impossible
 * date. The message says what came and what was expected, without the clock's address: the
 * connection adds it when it turns this into a {@link io.printbridge.agent.clock.ClockException}.
 */
public final class ZkFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ZkFormatException(String message) {
        super(message);
    }
}
