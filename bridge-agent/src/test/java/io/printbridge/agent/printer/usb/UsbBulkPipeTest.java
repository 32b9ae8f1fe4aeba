package io.printbridge.agent.printer.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.printer.usb.UsbPrinterException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunked writes, timeouts and status reads against a fake bulk device. */
class UsbBulkPipeTest {

    private static final UsbDeviceId ID = new UsbDeviceId(0x0471, 0x0055);
    private static final UsbEndpoints ENDPOINTS = new UsbEndpoints(0, 0, 0x01, 0x82);

    private final FakeDevice device = new FakeDevice();
    private final UsbBulkPipe pipe = new UsbBulkPipe(ID, ENDPOINTS, device, Duration.ofMillis(5000), 4096);

    @Test
    void bigJobGoesOutInChunksOfExactlyTheirLength() throws Exception {
        byte[] job = randomBytes(10_000);

        pipe.write(job);

        assertThat(device.received.toByteArray()).isEqualTo(job);
        assertThat(device.outCapacities).containsExactly(4096, 4096, 1808);
        assertThat(device.timeouts).containsOnly(5000L);
    }

    @Test
    void chunkThatTimesOutAfterSomeBytesIsSlownessNotFailureAndTheRestFollows() throws Exception {
        device.acceptAtMost = 1000; // then LIBUSB_ERROR_TIMEOUT with 1000 transferred
        byte[] job = randomBytes(5000);

        pipe.write(job);

        assertThat(device.received.toByteArray()).isEqualTo(job);
    }

    @Test
    void printerThatTakesNothingFailsWithTimeoutAndHowFarItGot() {
        device.stuckAfter = 4096;

        assertThatThrownBy(() -> pipe.write(new byte[10_000]))
                .isInstanceOfSatisfying(
                        UsbPrinterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("USB printer 0471:0055 accepted no data for 5000 ms (4096 of 10000 bytes sent):"
                        + " is it out of paper, its cover open, or offline?");
    }

    @Test
    void unpluggedMidJobIsDisconnectedAndSaysHowFarItGot() {
        device.failAfter = 8192;
        device.failure = UsbError.NO_DEVICE.code();

        assertThatThrownBy(() -> pipe.write(new byte[10_000]))
                .isInstanceOfSatisfying(
                        UsbPrinterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DISCONNECTED))
                .hasMessage("USB printer 0471:0055: write failed after 8192 of 10000 bytes (LIBUSB_ERROR_NO_DEVICE:"
                        + " no such device (it may have been disconnected)): the printer was unplugged, switched off,"
                        + " or lost its cable");
    }

    @Test
    void ioErrorMidJobCountsAsDisconnectedBecauseThatIsHowWindowsReportsUnplugging() {
        device.failAfter = 0;
        device.failure = UsbError.IO.code();

        assertThatThrownBy(() -> pipe.write(new byte[100]))
                .isInstanceOfSatisfying(
                        UsbPrinterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DISCONNECTED));
    }

    @Test
    void stalledEndpointIsATransferFailure() {
        device.failAfter = 0;
        device.failure = UsbError.PIPE.code();

        assertThatThrownBy(() -> pipe.write(new byte[100]))
                .isInstanceOfSatisfying(
                        UsbPrinterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSFER_FAILED))
                .hasMessageContaining("LIBUSB_ERROR_PIPE");
    }

    @Test
    void statusReplyIsReadFromTheInEndpoint() throws Exception {
        device.replies.add(new byte[] {0x12});

        assertThat(pipe.read(Duration.ofMillis(200))).isEqualTo(0x12);
        assertThat(device.inEndpoints).containsExactly((byte) 0x82);
        assertThat(device.inCapacities).containsExactly(512);
    }

    @Test
    void severalBytesInOneTransferAreReadOneByOne() throws Exception {
        device.replies.add(new byte[] {0x12, 0x16});

        assertThat(pipe.read(Duration.ofMillis(200))).isEqualTo(0x12);
        assertThat(pipe.read(Duration.ofMillis(200))).isEqualTo(0x16);
        assertThat(device.inCapacities).hasSize(1);
    }

    @Test
    void silenceIsMinusOneAfterWaitingTheTimeout() throws Exception {
        assertThat(pipe.read(Duration.ofMillis(200))).isEqualTo(-1);
        assertThat(device.timeouts).containsExactly(200L);
    }

    @Test
    void printerWithoutInEndpointAnswersMinusOneAtOnce() throws Exception {
        UsbBulkPipe oneWay = new UsbBulkPipe(
                ID, new UsbEndpoints(0, 0, 0x01, UsbEndpoints.NONE), device, Duration.ofSeconds(5), 4096);

        assertThat(oneWay.read(Duration.ofSeconds(10))).isEqualTo(-1);
        assertThat(device.timeouts).isEmpty();
    }

    @Test
    void discardInputDropsWhatThePrinterSentEarlier() throws Exception {
        device.replies.add(new byte[] {0x12, 0x12});
        device.replies.add(new byte[] {0x16});

        pipe.discardInput();

        assertThat(pipe.read(Duration.ofMillis(50))).isEqualTo(-1);
    }

    @Test
    void zeroTimeoutIsNeverHandedToLibusbWhereItMeansForever() {
        assertThat(UsbBulkPipe.libusbMillis(Duration.ZERO)).isEqualTo(1);
        assertThat(UsbBulkPipe.libusbMillis(Duration.ofNanos(10))).isEqualTo(1);
        assertThat(UsbBulkPipe.libusbMillis(Duration.ofMillis(1500))).isEqualTo(1500);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** A bulk device that takes OUT data and answers IN transfers from a queue of replies. */
    private static final class FakeDevice implements UsbBulkPipe.BulkTransfer {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<Integer> outCapacities = new ArrayList<>();
        final List<Integer> inCapacities = new ArrayList<>();
        final List<Byte> inEndpoints = new ArrayList<>();
        final List<Long> timeouts = new ArrayList<>();
        final Deque<byte[]> replies = new ArrayDeque<>();
        int acceptAtMost = Integer.MAX_VALUE;
        int stuckAfter = Integer.MAX_VALUE;
        int failAfter = Integer.MAX_VALUE;
        int failure;

        @Override
        public int transfer(byte endpoint, ByteBuffer data, IntBuffer transferred, long timeoutMillis) {
            timeouts.add(timeoutMillis);
            return (endpoint & 0x80) != 0 ? in(endpoint, data, transferred) : out(data, transferred);
        }

        private int out(ByteBuffer data, IntBuffer transferred) {
            outCapacities.add(data.capacity());
            if (received.size() >= failAfter) {
                return failure;
            }
            if (received.size() >= stuckAfter) {
                transferred.put(0, 0);
                return UsbError.TIMEOUT.code();
            }
            // Like usb4java: the whole capacity is the transfer, wherever position and limit are.
            int count = Math.min(data.capacity(), acceptAtMost);
            for (int i = 0; i < count; i++) {
                received.write(data.get(i));
            }
            transferred.put(0, count);
            return count < data.capacity() ? UsbError.TIMEOUT.code() : 0;
        }

        private int in(byte endpoint, ByteBuffer data, IntBuffer transferred) {
            inEndpoints.add(endpoint);
            inCapacities.add(data.capacity());
            byte[] reply = replies.poll();
            if (reply == null) {
                transferred.put(0, 0);
                return UsbError.TIMEOUT.code();
            }
            for (int i = 0; i < reply.length; i++) {
                data.put(i, reply[i]);
            }
            transferred.put(0, reply.length);
            return 0;
        }
    }
}
