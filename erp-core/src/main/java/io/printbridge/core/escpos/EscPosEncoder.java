package io.printbridge.core.escpos;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.TextStyle;
import io.printbridge.core.printer.BitmapLine;
import io.printbridge.core.printer.CodePage;
import io.printbridge.core.printer.FeedLine;
import io.printbridge.core.printer.PrintLine;
import io.printbridge.core.printer.PrinterProfile;
import io.printbridge.core.printer.QrLine;
import io.printbridge.core.printer.TextLine;
import org.jspecify.annotations.Nullable;

/**
 * Turns typeset lines into one ESC/POS job: initialize, then each line with only the mode
 * changes it needs (code table, justification, bold, size), then the optional drawer pulse, and
 * the cut last.
 */
public final class EscPosEncoder {

    private final PrinterProfile printer;

    public EscPosEncoder(PrinterProfile printer) {
        this.printer = requireNonNull(printer, "printer");
    }

    /** The job for {@code lines}; {@code openDrawer} pulses the cash drawer before the cut. */
    public byte[] encode(Iterable<PrintLine> lines, boolean openDrawer) {
        return new Job().encode(lines, openDrawer);
    }

    /** Printer modes as this job has set them, so each is sent only when it changes. */
    private final class Job {
        private final EscPosCommands out = new EscPosCommands(4096);
        /** Null until the first text line: ESC @ restores the vendor's default table, which varies. */
        private @Nullable CodePage codePage;

        private Alignment alignment = Alignment.LEFT;
        private boolean bold;
        private int widthScale = 1;
        private int heightScale = 1;

        byte[] encode(Iterable<PrintLine> lines, boolean openDrawer) {
            out.initialize();
            if (printer.cancelKanjiMode()) {
                out.cancelKanjiMode();
            }
            for (PrintLine line : lines) {
                if (line instanceof TextLine text) {
                    text(text);
                } else if (line instanceof BitmapLine bitmap) {
                    justify(Alignment.LEFT);
                    out.rasterImage(bitmap.bitmap());
                } else if (line instanceof QrLine qr) {
                    justify(Alignment.CENTER);
                    out.qrSelectModel2()
                            .qrModuleSize(qr.moduleSize())
                            .qrErrorCorrection(qr.errorCorrection())
                            .qrStore(qr.bytes())
                            .qrPrint();
                } else if (line instanceof FeedLine feed) {
                    out.feedLines(feed.lines());
                }
            }
            if (openDrawer) {
                out.openDrawer();
            }
            out.feedAndPartialCut(0);
            return out.toByteArray();
        }

        private void text(TextLine line) {
            if (line.codePage() != codePage) {
                codePage = line.codePage();
                out.selectCodeTable(printer.tableNumber(line.codePage()));
            }
            justify(line.alignment());
            style(line.style());
            out.text(line.codePage().table().encode(line.visual())).lineFeed();
        }

        private void justify(Alignment wanted) {
            if (wanted != alignment) {
                alignment = wanted;
                out.justify(wanted);
            }
        }

        private void style(TextStyle style) {
            if (style.bold() != bold) {
                bold = style.bold();
                out.bold(bold);
            }
            if (style.widthScale() != widthScale || style.heightScale() != heightScale) {
                widthScale = style.widthScale();
                heightScale = style.heightScale();
                out.characterSize(widthScale, heightScale);
            }
        }
    }
}
