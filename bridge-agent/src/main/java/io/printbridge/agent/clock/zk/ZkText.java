package io.printbridge.agent.clock.zk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The clock's fixed-width, NUL-padded text fields. */
final class ZkText {

    private ZkText() {}

    /** The field's text up to its first NUL, UTF-8 (ASCII on most clocks). */
    static String read(ByteBuffer buffer, int width) {
        byte[] field = new byte[width];
        buffer.get(field);
        int end = 0;
        while (end < width && field[end] != 0) {
            end++;
        }
        return new String(field, 0, end, StandardCharsets.UTF_8);
    }

    /** Writes the text NUL-padded to {@code width}; the caller has checked it fits ({@link #fits}). */
    static void write(ByteBuffer buffer, String text, int width) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > width) {
            throw new IllegalArgumentException(
                    "text '" + text + "' of " + bytes.length + " bytes (expected: at most " + width + ")");
        }
        buffer.put(bytes);
        buffer.put(new byte[width - bytes.length]);
    }

    /** Whether the text fits a field of {@code width} bytes, keeping one NUL where the clock wants one. */
    static boolean fits(String text, int width) {
        return text.getBytes(StandardCharsets.UTF_8).length <= width && text.indexOf('\0') < 0;
    }
}
