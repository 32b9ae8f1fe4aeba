package io.printbridge.core.printer;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.layout.PaperProfile;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One model of receipt printer as the renderer needs it.
 *
 * @param name             shown in logs and errors
 * @param paper            the roll it is loaded with
 * @param latinCodePage    the table French text prints in
 * @param arabicCodePage   the table Arabic text prints in, or null if the printer has none: Arabic
 *                         lines then print as rasters drawn with the shipped font
 * @param tableNumbers     this vendor's {@code ESC t n} number for each code page it uses, where it
 *                         differs from Epson's
 * @param nativeQr         whether it draws QR codes itself ({@code GS ( k}); if not, they go as rasters
 * @param cancelKanjiMode  whether to send {@code FS .} first: Chinese clones start in double-byte
 *                         mode and would print bytes above 0x7F as Chinese characters
 */
public record PrinterProfile(
        String name,
        PaperProfile paper,
        CodePage latinCodePage,
        @Nullable CodePage arabicCodePage,
        Map<CodePage, Integer> tableNumbers,
        boolean nativeQr,
        boolean cancelKanjiMode) {

    public PrinterProfile {
        requireNonNull(name, "name");
        requireNonNull(paper, "paper");
        requireNonNull(latinCodePage, "latinCodePage");
        tableNumbers = Map.copyOf(requireNonNull(tableNumbers, "tableNumbers"));
        if (latinCodePage.isArabic()) {
            throw new IllegalArgumentException("latinCodePage: " + latinCodePage + " (expected: a Latin code page)");
        }
        if (arabicCodePage != null && !arabicCodePage.isArabic()) {
            throw new IllegalArgumentException(
                    "arabicCodePage: " + arabicCodePage + " (expected: an Arabic code page or none)");
        }
        tableNumbers.forEach((codePage, number) -> {
            if (number < 0 || number > 255) {
                throw new IllegalArgumentException(
                        "tableNumbers: " + codePage + "=" + number + " (expected: 0 to 255)");
            }
        });
    }

    /** Epson TM series (TM-T20, TM-T88): PC858 is table 19, PC864 table 37. */
    public static PrinterProfile epson(PaperProfile paper) {
        return new PrinterProfile("Epson TM", paper, CodePage.PC858, CodePage.PC864, Map.of(), true, false);
    }

    /**
     * Zjiang and Xprinter clones (ZJ-5890, XP-58, XP-80): PC850 is table 2 as on Epson, but PC864 is
     * table 63; they start in Chinese double-byte mode.
     */
    public static PrinterProfile zjiang(PaperProfile paper) {
        return new PrinterProfile(
                "Zjiang/Xprinter",
                paper,
                CodePage.PC850,
                CodePage.PC864,
                Map.of(CodePage.PC850, 2, CodePage.PC864, 63),
                true,
                true);
    }

    /** A printer with Western code pages only (PC850, table 2): Arabic prints as rasters. */
    public static PrinterProfile withoutArabic(PaperProfile paper) {
        return new PrinterProfile("Latin only", paper, CodePage.PC850, null, Map.of(), true, false);
    }

    /** The number this printer selects {@code codePage} with in {@code ESC t n}. */
    public int tableNumber(CodePage codePage) {
        Integer number = tableNumbers.get(codePage);
        return number != null ? number : codePage.epsonTable();
    }
}
