package io.printbridge.agent.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscPosConsoleRendererTest {

    private final List<String> lines = new ArrayList<>();
    private final EscPosConsoleRenderer renderer = new EscPosConsoleRenderer(lines::add, false);

    @Test
    void describeKeepsALastLineThatHasNoLineFeed() {
        byte[] bytes = {0x1B, '@', 'A', '\n', 'B'};

        assertThat(EscPosConsoleRenderer.describe(bytes)).isEqualTo("[ESC @]A\nB");
    }

    @Test
    void textAndCommandsShowAsTextAndBracketedMnemonics() {
        renderer.accept(bytes(0x1B, '@', 0x1B, 'a', 1, 0x1B, 'E', 1));
        renderer.accept("Bonjour\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(lines).containsExactly("[ESC @][ESC a 1][ESC E 1]Bonjour");
    }

    @Test
    void rasterIsSummarisedNotDumped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0x1D, 'v', '0', 0, 72, 0, 120, 0));
        out.writeBytes(new byte[72 * 120]); // pixels, including bytes that look like LF and ESC
        out.writeBytes("after\n".getBytes(StandardCharsets.US_ASCII));

        renderer.accept(out.toByteArray());

        assertThat(lines).containsExactly("[GS v 48 raster 72x120]after");
    }

    @Test
    void qrDataIsShownAsText() {
        byte[] data = "https://erp.example/i/42".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0x1D, '(', 'k', data.length + 3, 0, 49, 80, 48));
        out.writeBytes(data);
        out.writeBytes(bytes('\n'));

        renderer.accept(out.toByteArray());

        assertThat(lines).containsExactly("[GS ( k QR data \"https://erp.example/i/42\"]");
    }

    @Test
    void cutEndsTheLineAndIsMarked() {
        renderer.accept(bytes('M', 'e', 'r', 'c', 'i', 0x1D, 'V', 66, 3));

        assertThat(lines).containsExactly("Merci[GS V 66 3]", "---------------- cut ----------------");
    }

    @Test
    void textFollowsTheSelectedCodePage() {
        renderer.accept(bytes(0x1B, 't', 19, 'C', 'a', 'f', 0x82, ' ', 0xD5, '\n')); // PC858: é and €

        assertThat(lines).containsExactly("[ESC t 19]Café €");
    }

    @Test
    void statusQueriesAreHiddenUnlessAskedFor() {
        EscPosConsoleRenderer verbose = new EscPosConsoleRenderer(lines::add, true);
        byte[] queries = bytes(0x10, 0x04, 1, 'x', '\n');

        renderer.accept(queries);
        verbose.accept(queries);

        assertThat(lines).containsExactly("x", "[DLE EOT 1]x");
    }

    @Test
    void commandSplitAcrossChunksIsStillOneCommand() {
        renderer.accept(bytes(0x1B));
        renderer.accept(bytes('p', 0));
        renderer.accept(bytes(50, 100, '\n'));

        assertThat(lines).containsExactly("[ESC p 0 50 100]");
    }

    @Test
    void unknownCommandShowsItsTwoBytes() {
        renderer.accept(bytes(0x1B, 0x7F, 'x', '\n'));

        assertThat(lines).containsExactly("[ESC 0x7F]x");
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
