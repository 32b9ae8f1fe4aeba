package io.printbridge.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import io.micronaut.http.HttpStatus;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body into a JSON tree, or refuses it as {@code MALFORMED_JSON} saying what was
 * wrong, where (byte offset, and for a key its JSON pointer) and what was expected.
 *
 * <p>Strict on purpose, because whatever a lenient reader lets through, another reader (a proxy,
 * a log, the ERP's own) may read differently:
 * <ul>
 *   <li>the bytes are UTF-8 (RFC 8259 §8.1), checked by {@link Utf8Check} before Jackson sees them;
 *       a NUL byte, which no JSON text in UTF-8 contains, is refused too, so Jackson never
 *       guesses UTF-16 or UTF-32 from the zero bytes;
 *   <li>no object has a key twice, at any depth ({@code {"data":"a","data":"b"}} would print
 *       whichever one this reader keeps);
 *   <li>one JSON value and nothing after it but whitespace ({@code {…}{…}} would otherwise print
 *       the first and drop the second without a word).
 * </ul>
 */
final class StrictJsonReader {

    private final ObjectReader reader;

    StrictJsonReader(ObjectMapper json) {
        this.reader = requireNonNull(json, "json").reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The body's JSON value; a JSON {@code null} for an empty body (or one of only whitespace). */
    JsonNode read(byte[] body) {
        requireNonNull(body, "body");
        Optional<Utf8Check.Malformed> malformed = Utf8Check.firstMalformed(body);
        if (malformed.isPresent()) {
            throw malformed(
                    "request body: " + malformed.get().describe() + " not valid UTF-8 (expected: JSON text in UTF-8)");
        }
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                throw malformed("request body: byte 00 at byte offset " + i
                        + " (expected: JSON text in UTF-8, which never holds a NUL byte)");
            }
        }
        try (JsonParser parser = reader.createParser(body)) {
            JsonNode root = reader.readTree(parser);
            if (root == null) {
                return NullNode.getInstance();
            }
            int after = firstNonWhitespace(body, (int) parser.currentLocation().getByteOffset());
            if (after < body.length) {
                throw malformed("request body: more content after the JSON value at byte offset " + after
                        + " (expected: one JSON value, then nothing but whitespace)");
            }
            return root;
        } catch (StreamReadException e) {
            throw malformed(problem(e));
        } catch (IOException e) {
            // Reading from a byte array does no I/O; Jackson only declares it.
            throw new IllegalStateException(e);
        }
    }

    private static String problem(StreamReadException e) {
        String offset = offset(e.getLocation());
        JsonParser parser = e.getProcessor();
        // Jackson's STRICT_DUPLICATE_DETECTION says "Duplicate field 'x'"; the parser still
        // stands on that key, so its JSON pointer names the object and the key.
        if (parser != null
                && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            String key = parser.getParsingContext().getCurrentName();
            return "request body: key \"" + key + "\" twice in the same object at "
                    + parser.getParsingContext().pathAsPointer() + offset
                    + " (expected: each key at most once per object)";
        }
        return "request body is not valid JSON" + offset + ": " + firstLine(e.getOriginalMessage())
                + " (expected: one JSON object)";
    }

    private static String offset(@Nullable JsonLocation location) {
        return location == null || location.getByteOffset() < 0
                ? ""
                : " (byte offset " + location.getByteOffset() + ")";
    }

    private static int firstNonWhitespace(byte[] body, int from) {
        int i = Math.max(from, 0);
        // JSON's whitespace: space, tab, line feed, carriage return (RFC 8259 §2).
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static ApiException malformed(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", message);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
