package io.printbridge.agent.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.PrinterStatus.Drawer;
import io.printbridge.agent.printer.PrinterStatus.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** DLE EOT replies decoded bit by bit, with byte values written out as the ESC/POS reference lists them. */
class StatusDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void allClearRepliesMeanReady() {
        PrinterStatus status = decode(0x12, 0x12, 0x12, 0x12);

        assertThat(status.state()).isEqualTo(State.READY);
        assertThat(status.detail()).isEqualTo("ready");
        assertThat(status.drawer()).isEqualTo(Drawer.CLOSED);
    }

    @Test
    void paperEndSensorBitsMeanPaperOut() {
        // n=4: bits 5 and 6 = paper end; n=2: bit 5 = stopped by paper end; n=1: bit 3 = offline
        PrinterStatus status = decode(0x1A, 0x32, 0x12, 0x7E);

        assertThat(status.state()).isEqualTo(State.NOT_READY);
        assertThat(status.paperEnd()).isTrue();
        assertThat(status.paperNearEnd()).isTrue();
        assertThat(status.detail()).startsWith("paper out");
    }

    @Test
    void nearEndAloneStillPrints() {
        PrinterStatus status = decode(0x12, 0x12, 0x12, 0x1E);

        assertThat(status.state()).isEqualTo(State.READY);
        assertThat(status.paperNearEnd()).isTrue();
        assertThat(status.detail()).isEqualTo("paper near end");
    }

    @Test
    void coverOpenBitIsReported() {
        PrinterStatus status = decode(0x1A, 0x16, 0x12, 0x12);

        assertThat(status.state()).isEqualTo(State.NOT_READY);
        assertThat(status.coverOpen()).isTrue();
        assertThat(status.detail()).isEqualTo("cover open");
    }

    @Test
    void offlineWithoutACauseIsOffline() {
        assertThat(decode(0x1A, 0x12, 0x12, 0x12).state()).isEqualTo(State.OFFLINE);
    }

    @Test
    void errorCausesAreReported() {
        // n=3: bit 3 auto-cutter, bit 5 unrecoverable
        PrinterStatus status = decode(0x1A, 0x52, 0x3A, 0x12);

        assertThat(status.autoCutterError()).isTrue();
        assertThat(status.unrecoverableError()).isTrue();
        assertThat(status.state()).isEqualTo(State.NOT_READY);
    }

    @Test
    void drawerPinHighMeansOpenOrClosedAsTheShopWiredIt() {
        assertThat(StatusDecoder.decode(bytes(0x16, 0x12, 0x12, 0x12), true, NOW)
                        .drawer())
                .isEqualTo(Drawer.OPEN);
        assertThat(StatusDecoder.decode(bytes(0x16, 0x12, 0x12, 0x12), false, NOW)
                        .drawer())
                .isEqualTo(Drawer.CLOSED);
    }

    @Test
    void aByteWithoutTheFixedBitsIsGarbageNotAStatus() {
        PrinterStatus status = decode(0x12, 0xFF, 0x12, 0x12);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).isEqualTo("garbled answer 0xFF to DLE EOT 2");
    }

    @Test
    void gsaAutomaticStatusFirstByteIsNotMistakenForADleEotReply() {
        // An automatic status back (GS a) message starts with a byte of pattern 0xx1 0x00: bit 1 is
        // clear, so it can never pass for a DLE EOT reply, whose pattern is 0xx1 xx10.
        assertThat(StatusDecoder.isStatusByte(0x10)).isFalse();
        assertThat(StatusDecoder.isStatusByte(0x12)).isTrue();
    }

    private static PrinterStatus decode(int n1, int n2, int n3, int n4) {
        return StatusDecoder.decode(bytes(n1, n2, n3, n4), true, NOW);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
