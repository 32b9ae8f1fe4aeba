package io.printbridge.agent.printer.tcp;

import static io.printbridge.agent.printer.tcp.TcpPrinterTransportTest.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.printer.DrawerPin;
import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterFailure;
import io.printbridge.agent.printer.PrinterFailure.Reason;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.agent.printer.PrinterStatus.Drawer;
import io.printbridge.agent.printer.PrinterStatus.State;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status read over TCP from the virtual printer's replies, decoded by {@link EscPosPrinter}. */
class TcpPrinterStatusTest {

    private final VirtualPrinter device = new VirtualPrinter();
    private final VirtualPrinterServer server = TcpPrinterTransportTest.startServer(device, 0);
    private final TcpPrinterTransport transport = TcpPrinterTransportTest.transportTo(server.port());
    private final EscPosPrinter printer = new EscPosPrinter(
            new PrinterSettings(
                    "receipt",
                    true,
                    80,
                    "epson",
                    true,
                    true,
                    DrawerPin.PIN_2,
                    DrawerPulse.DEFAULT,
                    true,
                    false,
                    Duration.ofMillis(200)),
            transport,
            Clock.systemUTC());

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void readyPrinterIsReady() {
        PrinterStatus status = printer.status();

        assertThat(status.state()).isEqualTo(State.READY);
        assertThat(device.statusQueries()).isEqualTo(4);
    }

    @Test
    void paperOutRefusesThePrintBeforeAnyByteIsSent() {
        device.paperOut(true);

        assertThatThrownBy(() -> printer.print(ascii("receipt\n"), true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.PAPER_OUT));
        device.paperOut(false);
        assertThat(device.printed()).isEmpty();
    }

    @Test
    void coverOpenRefusesThePrint() {
        device.coverOpen(true);

        assertThatThrownBy(() -> printer.print(ascii("receipt\n"), true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.COVER_OPEN));
    }

    @Test
    void paperNearEndIsReportedAndStillPrints() throws Exception {
        device.paperNearEnd(true);

        assertThat(printer.status().paperNearEnd()).isTrue();
        printer.print(ascii("receipt\n"), true);
        assertThat(device.awaitPrinted(8, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void offlinePrinterIsOfflineAndRefusesThePrint() {
        device.offline(true);

        assertThat(printer.status().state()).isEqualTo(State.OFFLINE);
        assertThatThrownBy(() -> printer.print(ascii("receipt\n"), true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.OFFLINE));
    }

    @Test
    void openDrawerIsReported() {
        device.drawerOpen(true);

        assertThat(printer.status().drawer()).isEqualTo(Drawer.OPEN);
    }

    @Test
    void printerThatNeverAnswersIsUnknownWithinTheTimeoutNotAHang() {
        device.mute(true);
        long started = System.nanoTime();

        PrinterStatus status = printer.status();

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).isEqualTo("no answer to DLE EOT 1 within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void statusAfterTheConnectionWasDroppedReconnects() {
        assertThat(printer.status().state()).isEqualTo(State.READY);

        server.dropConnection();

        assertThat(printer.status().state()).isEqualTo(State.READY);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void printerThatIsNotThereIsOfflineNamingTheAddress() {
        int port = server.port();
        server.close();

        PrinterStatus status = printer.status();

        assertThat(status.state()).isEqualTo(State.OFFLINE);
        assertThat(status.detail()).startsWith("tcp 127.0.0.1:" + port + ": connect to 127.0.0.1:" + port + " refused");
    }
}
