package io.printbridge.server.streams;

/**
 * A token bucket of messages and one of bytes: what one stream may send per second, with a burst
 * above it. Time comes from the caller (nanoseconds on a monotonic clock), so a test can move it.
 * Not thread-safe: a stream's inbound messages arrive one at a time.
 */
final class InboundBudget {

    private final double messagesPerNano;
    private final double bytesPerNano;
    private final double messageBurst;
    private final double byteBurst;
    private double messages;
    private double bytes;
    private long lastNanos;

    /** A budget of messages and bytes; a zero byte rate and burst leaves bytes unbounded (only messages count). */
    InboundBudget(
            double messagesPerSecond, double messageBurst, double bytesPerSecond, double byteBurst, long nowNanos) {
        this.messagesPerNano = messagesPerSecond / 1e9;
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.messageBurst = messageBurst;
        this.byteBurst = byteBurst;
        this.messages = messageBurst;
        this.bytes = byteBurst;
        this.lastNanos = nowNanos;
    }

    /** Takes one message of {@code size} bytes from the budget; false when either bucket is empty. */
    boolean take(int size, long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = nowNanos;
        messages = Math.min(messageBurst, messages + elapsed * messagesPerNano);
        bytes = Math.min(byteBurst, bytes + elapsed * bytesPerNano);
        if (messages < 1 || (byteBurst > 0 && bytes < size)) {
            return false;
        }
        messages -= 1;
        if (byteBurst > 0) {
            bytes -= size;
        }
        return true;
    }
}
