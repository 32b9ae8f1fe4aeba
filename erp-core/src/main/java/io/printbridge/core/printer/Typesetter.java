package io.printbridge.core.printer;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.Block;
import io.printbridge.core.layout.Cell;
import io.printbridge.core.layout.Direction;
import io.printbridge.core.layout.FeedBlock;
import io.printbridge.core.layout.ImageBlock;
import io.printbridge.core.layout.Layout;
import io.printbridge.core.layout.QrBlock;
import io.printbridge.core.layout.RowBlock;
import io.printbridge.core.layout.RuleBlock;
import io.printbridge.core.layout.TextBlock;
import io.printbridge.core.layout.TextStyle;
import io.printbridge.core.raster.Bitmap;
import io.printbridge.core.raster.FloydSteinbergDither;
import io.printbridge.core.raster.QrSymbol;
import io.printbridge.core.raster.TextRasterizer;
import io.printbridge.core.text.LineWrapper;
import io.printbridge.core.text.TextSanitizer;
import io.printbridge.core.text.VisualText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sets a layout for one printer: cleans and wraps text to the columns, shapes and orders it for
 * printing, lays row cells side by side (mirrored right to left), and picks for each line a code
 * page that prints every character of it; a line no code page can print becomes a raster drawn
 * with the shipped font. Images are dithered and QR codes sized here, once, so the ESC/POS
 * encoder and the preview print exactly the same lines.
 */
public final class Typesetter {

    private final PrinterProfile printer;

    public Typesetter(PrinterProfile printer) {
        this.printer = requireNonNull(printer, "printer");
    }

    public List<PrintLine> set(Layout layout) {
        if (!layout.paper().equals(printer.paper())) {
            throw new IllegalArgumentException("layout paper: " + layout.paper().name() + " (expected: the printer's "
                    + printer.paper().name() + ")");
        }
        List<PrintLine> lines = new ArrayList<>(layout.blocks().size() * 2);
        for (Block block : layout.blocks()) {
            if (block instanceof TextBlock text) {
                setText(text, lines);
            } else if (block instanceof RowBlock row) {
                setRow(row, lines);
            } else if (block instanceof RuleBlock rule) {
                char[] dashes = new char[printer.paper().columns()];
                Arrays.fill(dashes, rule.character());
                lines.add(line(new String(dashes), Alignment.LEFT, TextStyle.NORMAL));
            } else if (block instanceof QrBlock qr) {
                lines.add(qrLine(qr));
            } else if (block instanceof ImageBlock image) {
                lines.add(imageLine(image));
            } else if (block instanceof FeedBlock feed) {
                lines.add(new FeedLine(feed.lines()));
            }
        }
        return lines;
    }

    private void setText(TextBlock block, List<PrintLine> lines) {
        int columns = block.style().columnsOn(printer.paper());
        for (String logical : LineWrapper.wrap(TextSanitizer.printable(block.text()), columns)) {
            lines.add(line(VisualText.of(logical, block.direction()), block.alignment(), block.style()));
        }
    }

    /** Each cell wraps in its own width; line i of the row holds line i of every cell. */
    private void setRow(RowBlock row, List<PrintLine> lines) {
        int columns = row.style().columnsOn(printer.paper());
        int[] widths = row.widthsOn(columns);
        List<List<String>> cellLines = new ArrayList<>(widths.length);
        int height = 0;
        for (int i = 0; i < widths.length; i++) {
            List<String> wrapped =
                    LineWrapper.wrap(TextSanitizer.printable(row.cells().get(i).text()), widths[i]);
            cellLines.add(wrapped);
            height = Math.max(height, wrapped.size());
        }
        boolean rightToLeft = row.direction() == Direction.RTL;
        for (int lineIndex = 0; lineIndex < height; lineIndex++) {
            char[] line = new char[columns];
            Arrays.fill(line, ' ');
            int start = 0;
            for (int i = 0; i < widths.length; i++) {
                int left = rightToLeft ? columns - start - widths[i] : start;
                start += widths[i] + row.gap();
                List<String> wrapped = cellLines.get(i);
                if (lineIndex < wrapped.size()) {
                    Cell cell = row.cells().get(i);
                    String visual = VisualText.of(wrapped.get(lineIndex), row.direction());
                    int offset = cell.alignment().offset(widths[i], visual.length());
                    visual.getChars(0, Math.min(visual.length(), widths[i]), line, left + offset);
                }
            }
            lines.add(line(stripTrailingSpaces(line), Alignment.LEFT, row.style()));
        }
    }

    private PrintLine line(String visual, Alignment alignment, TextStyle style) {
        CodePage codePage = codePageFor(visual);
        if (codePage != null) {
            return new TextLine(visual, alignment, style, codePage);
        }
        return new BitmapLine(TextRasterizer.rasterize(visual, alignment, style, printer.paper()));
    }

    /** The Latin page for lines without Arabic, else the Arabic page; null if neither prints it all. */
    private @Nullable CodePage codePageFor(String visual) {
        CodePage latin = printer.latinCodePage();
        if (!VisualText.hasRightToLeft(visual) && latin.table().canEncode(visual)) {
            return latin;
        }
        CodePage arabic = printer.arabicCodePage();
        if (arabic != null && arabic.table().canEncode(visual)) {
            return arabic;
        }
        return null;
    }

    private PrintLine qrLine(QrBlock qr) {
        byte[] data = qr.data().getBytes(StandardCharsets.UTF_8);
        int dotWidth = printer.paper().dotWidth();
        if (printer.nativeQr()) {
            int modules = QrSymbol.modulesForBytes(data.length, qr.errorCorrection());
            return new QrLine(
                    qr.data(), QrSymbol.fitModuleSize(modules, qr.moduleSize(), dotWidth), qr.errorCorrection());
        }
        QrSymbol symbol = QrSymbol.of(data, qr.errorCorrection());
        return new BitmapLine(symbol.toBitmap(symbol.fitModuleSize(qr.moduleSize(), dotWidth), dotWidth));
    }

    private PrintLine imageLine(ImageBlock block) {
        int dotWidth = printer.paper().dotWidth();
        Bitmap dots = FloydSteinbergDither.dither(block.image(), Math.min(block.maxWidthDots(), dotWidth));
        return new BitmapLine(dots.placedOn(dotWidth, block.alignment().offset(dotWidth, dots.width())));
    }

    private static String stripTrailingSpaces(char[] line) {
        int end = line.length;
        while (end > 0 && line[end - 1] == ' ') {
            end--;
        }
        return new String(line, 0, end);
    }
}
