package io.printbridge.agent.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirtualPrinterTest {

    private final VirtualPrinter printer = new VirtualPrinter();

    @Test
    void statusQueryBetweenCommandsIsAnsweredAndNotPrinted() throws Exception {
        printer.receive(new byte[] {'a', 0x10, 0x04, 0x01, 'b'});

        assertThat(printer.nextReply(Duration.ofMillis(100))).isEqualTo(0x12);
        assertThat(new String(printer.printed())).isEqualTo("ab");
    }

    @Test
    void dleEotInsideARasterPayloadIsPixelsNotAQuery() throws Exception {
        byte[] raster = {0x1D, 'v', '0', 0, 2, 0, 1, 0, 0x10, 0x04};

        printer.receive(raster);

        assertThat(printer.printed()).isEqualTo(raster);
        assertThat(printer.nextReply(Duration.ofMillis(50))).isEqualTo(-1);
    }

    @Test
    void dleEotInsideAQrPayloadIsDataNotAQuery() throws Exception {
        byte[] qr = {0x1D, '(', 'k', 5, 0, '1', 'P', '0', 0x10, 0x04};

        printer.receive(qr);

        assertThat(printer.printed()).isEqualTo(qr);
        assertThat(printer.statusQueries()).isZero();
    }

    @Test
    void realTimeDrawerPulseIsExecuted() {
        printer.receive(new byte[] {0x10, 0x14, 1, 1, 3});

        assertThat(printer.drawerKicks()).containsExactly(new VirtualPrinter.DrawerKick(5, Duration.ofMillis(300)));
        assertThat(printer.printed()).isEmpty();
    }

    @Test
    void commandSplitAcrossWritesIsStillRecognised() throws Exception {
        printer.receive(new byte[] {0x10});
        printer.receive(new byte[] {0x04});
        printer.receive(new byte[] {0x04});

        assertThat(printer.nextReply(Duration.ofMillis(100))).isEqualTo(0x12);
    }

    @Test
    void paperOutAnswersWithThePaperEndBitsOnEveryQuery() {
        printer.paperOut(true);

        assertThat(printer.statusByte(1) & 0x08).isEqualTo(0x08);
        assertThat(printer.statusByte(2) & 0x20).isEqualTo(0x20);
        assertThat(printer.statusByte(4) & 0x60).isEqualTo(0x60);
    }

    @Test
    void mutePrinterNeverAnswers() throws Exception {
        printer.mute(true);
        printer.receive(new byte[] {0x10, 0x04, 0x01});

        assertThat(printer.nextReply(Duration.ofMillis(50))).isEqualTo(-1);
        assertThat(printer.statusQueries()).isEqualTo(1);
    }
}
