package io.printbridge.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One spelling for every way of writing the same JSON, so that a retry is recognised as the same
 * request whatever its serializer did: the idempotency check hashes this form
 * ({@link RequestHash}).
 *
 * <ul>
 *   <li>no whitespace between tokens;
 *   <li>the keys of every object, at every depth, sorted by their UTF-16 code units (as
 *       {@link String#compareTo}, the order of RFC 8785); arrays keep their order, which means
 *       something (a batch prints in order);
 *   <li>strings with the same escapes whatever the request used ({@code "\u0041"} is {@code "A"});
 *   <li>integers as their decimal digits; any other number as Jackson reads it (a double), so
 *       {@code 1} and {@code 1.0} stay different. No field of a valid job takes a fraction (money
 *       is in decimal strings), so nothing hashed ever depends on that.
 * </ul>
 * Keys are unique in a body that reached here ({@link StrictJsonReader}), so sorting is total.
 */
final class CanonicalJson {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private CanonicalJson() {}

    static String of(JsonNode node) {
        requireNonNull(node, "node");
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>(node.size());
                node.fieldNames().forEachRemaining(keys::add);
                Collections.sort(keys);
                out.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(keys.get(i), out);
                    out.append(':');
                    write(node.get(keys.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER ->
                out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.toString());
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            // A tree read from JSON text holds none of these.
            case BINARY, POJO, MISSING ->
                throw new IllegalArgumentException(
                        "node: " + node.getNodeType() + " (expected: a node read from JSON text)");
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        STRINGS.quoteAsString(text, out);
        out.append('"');
    }
}
