package io.printbridge.core.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Renders a bad value for an error message: JSON-quoted so that control characters show as
 * escapes instead of reaching a log or terminal, and cut short so that a megabyte of garbage
 * gives a short message.
 */
final class Quoted {
    private static final int MAX_SHOWN = 40;

    private Quoted() {}

    /** {@code text} as a JSON string literal, shortened to 40 characters plus "…". */
    static String text(String text) {
        String shown = text;
        if (text.codePointCount(0, text.length()) > MAX_SHOWN) {
            shown = text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN)) + "…";
        }
        return TextNode.valueOf(shown).toString();
    }

    /** Any JSON value, described for a message: strings quoted, containers named. */
    static String node(JsonNode node) {
        if (node.isTextual()) {
            return text(node.textValue());
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String literal = node.toString();
        return literal.length() > MAX_SHOWN ? literal.substring(0, MAX_SHOWN) + "…" : literal;
    }
}
