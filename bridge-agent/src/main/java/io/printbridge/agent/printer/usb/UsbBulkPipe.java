package io.printbridge.agent.printer.usb;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.usb.UsbPrinterException.Reason;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.time.Duration;

/**
 * Moves bytes over a printer's bulk endpoints with bounded waits: print data out in chunks, each
 * with its own timeout, and status replies in with the caller's timeout. It knows libusb only
 * by the shape of {@code libusb_bulk_transfer} ({@link BulkTransfer}), so tests drive it with a
 * fake device: timeouts, partial transfers, unplugging.
 *
 * <p>Not thread-safe: it reuses its native buffers.
 */
final class UsbBulkPipe {

    /**
     * {@code libusb_bulk_transfer} as usb4java exposes it, without the device handle: transfers
     * the whole capacity of {@code data} (usb4java ignores position and limit), puts the number
     * of bytes moved into {@code transferred.get(0)} (also on timeout), and returns 0 or a
     * negative libusb error code.
     */
    @FunctionalInterface
    interface BulkTransfer {
        int transfer(byte endpoint, ByteBuffer data, IntBuffer transferred, long timeoutMillis);
    }

    /** Bytes per OUT transfer: small enough that a timeout tells something about the printer, not the job size. */
    static final int CHUNK_SIZE = 4096;
    /** A multiple of every bulk packet size (64 at full speed, 512 at high speed): a smaller buffer risks LIBUSB_ERROR_OVERFLOW. */
    static final int IN_BUFFER_SIZE = 512;
    /** discardInput reads at most this many times, so a printer that never stops talking cannot hold the worker. */
    private static final int MAX_DISCARD_READS = 16;

    private static final int SUCCESS = 0;

    private final UsbDeviceId id;
    private final UsbEndpoints endpoints;
    private final BulkTransfer transfer;
    private final Duration writeTimeout;
    private final ByteBuffer outBuffer;
    private final ByteBuffer inBuffer = ByteBuffer.allocateDirect(IN_BUFFER_SIZE);
    private final IntBuffer transferred = IntBuffer.allocate(1);
    /** Status bytes received and not yet read, in read mode: one IN transfer may bring several. */
    private final ByteBuffer inbox = ByteBuffer.allocate(IN_BUFFER_SIZE).flip();

    /** @param writeTimeout how long one chunk may wait for the printer to take any of it */
    UsbBulkPipe(UsbDeviceId id, UsbEndpoints endpoints, BulkTransfer transfer, Duration writeTimeout, int chunkSize) {
        this.id = requireNonNull(id, "id");
        this.endpoints = requireNonNull(endpoints, "endpoints");
        this.transfer = requireNonNull(transfer, "transfer");
        this.writeTimeout = requireNonNull(writeTimeout, "writeTimeout");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize: " + chunkSize + " (expected: at least 1)");
        }
        this.outBuffer = ByteBuffer.allocateDirect(chunkSize); // libusb reads native memory only
    }

    /**
     * Writes all of {@code data}. A chunk that times out after moving some bytes is not a
     * failure (the printer is slow, not stuck): the rest follows. A chunk that moves nothing
     * within the timeout is.
     */
    void write(byte[] data) throws UsbPrinterException {
        int offset = 0;
        while (offset < data.length) {
            int length = Math.min(outBuffer.capacity(), data.length - offset);
            // usb4java sends the buffer's whole capacity: hand it a slice exactly this long.
            ByteBuffer chunk =
                    outBuffer.clear().put(data, offset, length).flip().slice();
            transferred.put(0, 0);
            int code = transfer.transfer((byte) endpoints.outAddress(), chunk, transferred, libusbMillis(writeTimeout));
            int moved = transferred.get(0);
            offset += moved;
            if (moved > 0 && (code == SUCCESS || code == UsbError.TIMEOUT.code())) {
                continue;
            }
            if (code == SUCCESS || code == UsbError.TIMEOUT.code()) {
                throw new UsbPrinterException(
                        Reason.TIMEOUT,
                        "USB printer " + id + " accepted no data for "
                                + writeTimeout.toMillis() + " ms (" + offset + " of " + data.length + " bytes sent):"
                                + " is it out of paper, its cover open, or offline?");
            }
            throw UsbFailures.transferring(id, "write", code, "after " + offset + " of " + data.length + " bytes");
        }
    }

    /** The next byte the printer sent, or -1 when none comes within {@code timeout} (at once without an IN endpoint). */
    int read(Duration timeout) throws UsbPrinterException {
        if (inbox.hasRemaining()) {
            return inbox.get() & 0xFF;
        }
        if (!endpoints.hasIn()) {
            return -1;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int received;
        do {
            received = receive(Duration.ofNanos(deadline - System.nanoTime()));
            // 0 is a zero-length packet, which ends a transfer early: wait out the rest of the timeout.
        } while (received == 0 && deadline - System.nanoTime() > 0);
        return received > 0 ? inbox.get() & 0xFF : -1;
    }

    /** Throws away what the printer sent and nobody read, waiting no more than a few milliseconds. */
    void discardInput() throws UsbPrinterException {
        inbox.clear().flip();
        if (!endpoints.hasIn()) {
            return;
        }
        for (int i = 0; i < MAX_DISCARD_READS && receive(Duration.ZERO) > 0; i++) {
            inbox.clear().flip();
        }
    }

    /**
     * One IN transfer into the inbox.
     *
     * @return the number of bytes received (0 for a zero-length packet), or -1 when the timeout passed with none
     */
    private int receive(Duration timeout) throws UsbPrinterException {
        inBuffer.clear();
        transferred.put(0, 0);
        int code = transfer.transfer((byte) endpoints.inAddress(), inBuffer, transferred, libusbMillis(timeout));
        int moved = transferred.get(0);
        if (code != SUCCESS && code != UsbError.TIMEOUT.code()) {
            throw UsbFailures.transferring(id, "status read", code, "");
        }
        if (moved > 0) {
            inbox.compact().put(inBuffer.limit(moved).position(0)).flip();
            return moved;
        }
        return code == SUCCESS ? 0 : -1;
    }

    /** libusb reads a timeout of 0 as "wait forever": never hand it one. */
    static long libusbMillis(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return 1;
        }
        return Math.max(1, (timeout.toNanos() + 999_999) / 1_000_000);
    }
}
