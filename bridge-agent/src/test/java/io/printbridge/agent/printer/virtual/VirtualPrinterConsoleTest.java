package io.printbridge.agent.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualPrinterConsoleTest {

    private final VirtualPrinter printer = new VirtualPrinter();
    private final VirtualPrinterServer server = start(printer);
    private final VirtualPrinterConsole console = new VirtualPrinterConsole(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void paperOutOnSetsTheFaultAndReportsIt() {
        String reply = console.execute("paper-out on");

        assertThat(reply).startsWith("paper-out on, ");
        assertThat(printer.statusByte(2) & 0x20).isEqualTo(0x20);
    }

    @Test
    void faultIsClearedWithOff() {
        console.execute("cover-open on");
        console.execute("Cover-Open OFF");

        assertThat(printer.statusByte(2) & 0x04).isZero();
    }

    @Test
    void slowTakesMilliseconds() {
        assertThat(console.execute("slow 250")).contains("slow 250 ms");
    }

    @Test
    void slowWithoutANumberSaysWhatWasExpected() {
        assertThat(console.execute("slow fast"))
                .isEqualTo("slow: \"fast\" (expected: milliseconds per write, e.g. slow 200; 0 for normal speed)");
    }

    @Test
    void toggleWithoutOnOrOffSaysWhatWasExpected() {
        assertThat(console.execute("mute yes")).isEqualTo("mute: \"yes\" (expected: on or off)");
    }

    @Test
    void dropWithoutAClientSaysSo() {
        assertThat(console.execute("drop")).isEqualTo("no client connected");
    }

    @Test
    void unknownCommandListsTheKnownOnes() {
        assertThat(console.execute("jam")).startsWith("unknown command \"jam\" (expected: paper-out, ");
    }

    private static VirtualPrinterServer start(VirtualPrinter printer) {
        try {
            return VirtualPrinterServer.start(printer, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
