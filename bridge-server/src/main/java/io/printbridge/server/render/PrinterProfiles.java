package io.printbridge.server.render;

import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.printer.PrinterProfile;
import io.printbridge.logging.LogSafe;
import io.printbridge.proto.v1.PrinterCapabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The erp-core printer profile matching what an agent said about one of its printers. */
public final class PrinterProfiles {

    private static final Logger log = LoggerFactory.getLogger(PrinterProfiles.class);

    private PrinterProfiles() {}

    public static PrinterProfile of(PrinterCapabilities capabilities) {
        PaperProfile paper = capabilities.getPaperWidthMm() == 58 ? PaperProfile.MM_58 : PaperProfile.MM_80;
        if (!capabilities.getArabicCodePage()) {
            // Arabic lines become rasters drawn with the font erp-core ships.
            return PrinterProfile.withoutArabic(paper);
        }
        return switch (capabilities.getCodePageProfile()) {
            case "zjiang", "xprinter" -> PrinterProfile.zjiang(paper);
            case "epson", "" -> PrinterProfile.epson(paper);
            default -> {
                log.warn(
                        "unknown code page numbering \"{}\": rendering with Epson numbers",
                        LogSafe.text(capabilities.getCodePageProfile()));
                yield PrinterProfile.epson(paper);
            }
        };
    }
}
