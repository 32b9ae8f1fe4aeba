package io.printbridge.fleetsim;

import io.printbridge.agent.exec.StatusMessages;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.proto.v1.PrinterTransport;
import java.time.Instant;

/**
 * What a simulated agent says about itself: the Hello of a real agent (protocol revision 3) with
 * one virtual 80 mm receipt printer that has a drawer, always ready. The printer's description is
 * one message shared by every agent; only the times are new.
 */
final class VirtualReceipt {

    /** The additive protocol revision the real agent speaks (agent_link.proto): 3. */
    static final int PROTOCOL_VERSION = 3;

    static final String PRINTER = "receipt";

    private static final PrinterSettings SETTINGS = PrinterSettings.receipt(PRINTER, true);

    private static final Printer DESCRIPTION = Printer.newBuilder()
            .setName(SETTINGS.name())
            .setIsDefault(true)
            .setTransport(PrinterTransport.PRINTER_TRANSPORT_VIRTUAL)
            .setCapabilities(PrinterCapabilities.newBuilder()
                    .setPaperWidthMm(SETTINGS.paperWidthMm())
                    .setColumns(SETTINGS.columns())
                    .setDotsPerLine(SETTINGS.dotsPerLine())
                    .setCodePageProfile(SETTINGS.codePageProfile())
                    .setArabicCodePage(SETTINGS.arabicCodePage())
                    .setCanReadStatus(true)
                    .setRealtimeDrawerPulse(SETTINGS.realtimeDrawerPulse())
                    .setHasDrawer(SETTINGS.hasDrawer()))
            .buildPartial();

    private VirtualReceipt() {}

    static Hello hello() {
        Instant now = Instant.now();
        return Hello.newBuilder()
                .setAgentVersion("fleet-sim")
                .setProtocolVersion(PROTOCOL_VERSION)
                .setHostname("fleet-sim")
                .setAgentTime(ProtoTimestamps.of(now))
                .addPrinters(DESCRIPTION.toBuilder().setStatus(status(now)))
                .build();
    }

    /** Ready, paper in, cover and drawer closed, as the virtual printer reports when nothing is wrong. */
    static io.printbridge.proto.v1.PrinterStatus status(Instant at) {
        return StatusMessages.toProto(new PrinterStatus(
                PrinterStatus.State.READY,
                false,
                false,
                false,
                PrinterStatus.Drawer.CLOSED,
                false,
                false,
                false,
                "",
                at));
    }
}
