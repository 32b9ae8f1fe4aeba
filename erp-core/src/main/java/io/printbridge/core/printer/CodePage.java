package io.printbridge.core.printer;

import io.printbridge.core.text.CharTable;
import io.printbridge.core.text.Ibm864Table;
import io.printbridge.core.text.LatinTable;
import java.nio.charset.Charset;

/**
 * Printer character code tables, each paired with its Epson table number ({@code ESC t n}) and
 * the Java charset that decodes it. Vendors that number tables differently say so in their
 * {@link PrinterProfile}.
 */
public enum CodePage {
    /** USA, standard Europe; no euro. */
    PC437(0, "IBM437", false),
    /** Multilingual Latin 1: French accents, no euro. */
    PC850(2, "IBM850", false),
    /** PC850 with the euro sign in place of dotless i. */
    PC858(19, "IBM00858", false),
    /** Arabic, as presentation forms in visual order. */
    PC864(37, "IBM864", true);

    private final int epsonTable;
    private final Charset charset;
    private final boolean arabic;
    private final CharTable table;

    CodePage(int epsonTable, String charsetName, boolean arabic) {
        this.epsonTable = epsonTable;
        this.charset = Charset.forName(charsetName);
        this.arabic = arabic;
        this.table = arabic ? Ibm864Table.create() : LatinTable.create(name(), charset);
    }

    /** The table number Epson printers select this code page with ({@code ESC t n}). */
    public int epsonTable() {
        return epsonTable;
    }

    public Charset charset() {
        return charset;
    }

    /** Whether this code page prints Arabic letters. */
    public boolean isArabic() {
        return arabic;
    }

    /** Characters to bytes and back, with this project's substitutes for missing characters. */
    public CharTable table() {
        return table;
    }
}
