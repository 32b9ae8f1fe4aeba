package io.printbridge.core.text;

import java.nio.charset.Charset;

/**
 * Western code pages (PC437, PC850, PC858): the charset's own characters plus plain stand-ins
 * for typographic punctuation that ERPs copy from word processors. Each stand-in keeps the
 * width of one cell, so wrapping stays exact.
 */
public final class LatinTable {

    private static final String TYPOGRAPHIC =
            "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2018\u2019\u201A\u2032\u201C\u201D\u201E\u2033\u2022\u00A0\u202F";
    private static final String PLAIN = "-------'''''\"\"\"\"*  ";

    private LatinTable() {}

    public static CharTable create(String name, Charset charset) {
        CharTable.Builder table = CharTable.builder(name, charset);
        for (int i = 0; i < TYPOGRAPHIC.length(); i++) {
            table.substitute(TYPOGRAPHIC.charAt(i), PLAIN.charAt(i));
        }
        table.substitute('\u00D7', 'x'); // multiplication sign, absent from PC437
        return table.build();
    }
}
