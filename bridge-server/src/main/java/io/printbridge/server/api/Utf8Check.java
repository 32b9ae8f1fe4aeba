package io.printbridge.server.api;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the first byte sequence of a request body that is not well-formed UTF-8 (RFC 3629):
 * overlong forms ({@code C0 AF} for "/"), surrogates encoded in UTF-8 ({@code ED A0 80}), lone
 * continuation bytes, sequences cut short, code points above U+10FFFF.
 *
 * <p>Jackson's byte parser decodes some of these leniently ({@code C0 AF} reads as "/"), so a body
 * could say one thing to it and another to a proxy, a log or the ERP's own reader. The JDK's
 * decoder set to {@link CodingErrorAction#REPORT} refuses all of them; it decodes into a small
 * reused buffer, so checking a 2 MB body allocates nothing in proportion to it.
 */
final class Utf8Check {

    /** A sequence that is not UTF-8: where it starts and its bytes. */
    record Malformed(int offset, byte[] bytes) {

        Malformed {
            requireNonNull(bytes, "bytes");
        }

        /** {@code byte C0 at byte offset 22 is} / {@code bytes E2 82 at byte offset 28 are}, for a message. */
        String describe() {
            String hex = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
            return (bytes.length == 1
                    ? "byte " + hex + " at byte offset " + offset + " is"
                    : "bytes " + hex + " at byte offset " + offset + " are");
        }
    }

    private Utf8Check() {}

    static Optional<Malformed> firstMalformed(byte[] body) {
        requireNonNull(body, "body");
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(1024);
        while (true) {
            // endOfInput = true: a sequence cut short by the end of the body is an error too.
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int offset = in.position();
                byte[] bytes = new byte[result.length()];
                System.arraycopy(body, offset, bytes, 0, bytes.length);
                return Optional.of(new Malformed(offset, bytes));
            }
            if (result.isOverflow()) {
                out.clear(); // only the verdict matters, not the characters
                continue;
            }
            return Optional.empty();
        }
    }
}
