package io.printbridge.server.api;

import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A store's printer in JSON: what it is and how it is. */
public record PrinterStatusView(
        String name,
        boolean isDefault,
        String transport,
        int paperWidthMm,
        int columns,
        String codePageProfile,
        boolean arabicCodePage,
        boolean canReadStatus,
        boolean hasDrawer,
        Status status) {

    /** The decoded DLE EOT status. */
    public record Status(
            String state,
            String detail,
            boolean paperEnd,
            boolean paperNearEnd,
            boolean coverOpen,
            String drawer,
            boolean error,
            @Nullable Instant observedAt) {

        static Status of(PrinterStatus s) {
            return new Status(
                    strip(s.getState().name(), "PRINTER_STATE_"),
                    s.getDetail(),
                    s.getPaperEnd(),
                    s.getPaperNearEnd(),
                    s.getCoverOpen(),
                    strip(s.getDrawer().name(), "DRAWER_STATE_"),
                    s.getRecoverableError() || s.getUnrecoverableError() || s.getAutoCutterError(),
                    s.hasObservedAt()
                            ? Instant.ofEpochSecond(
                                    s.getObservedAt().getSeconds(),
                                    s.getObservedAt().getNanos())
                            : null);
        }
    }

    static PrinterStatusView of(Printer printer, PrinterStatus status) {
        var caps = printer.getCapabilities();
        return new PrinterStatusView(
                printer.getName(),
                printer.getIsDefault(),
                strip(printer.getTransport().name(), "PRINTER_TRANSPORT_"),
                caps.getPaperWidthMm(),
                caps.getColumns(),
                caps.getCodePageProfile(),
                caps.getArabicCodePage(),
                caps.getCanReadStatus(),
                caps.getHasDrawer(),
                Status.of(status));
    }

    private static String strip(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }
}
