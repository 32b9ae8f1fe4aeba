package io.printbridge.core.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads single fields of a JSON tree, checking each against the rules of its kind (type, text
 * safety, length, decimal format and range) and recording a {@link Violation} with the field's
 * path for every problem instead of stopping at the first.
 *
 * <p>Methods return null when the field is absent or broken; the caller tells the two apart with
 * {@link ViolationCollector#count()}. Absent and JSON {@code null} mean the same. Fields of an
 * object that the document does not define are found by {@link #unknownFields}.
 */
final class FieldReader {
    /** Plain decimal notation: no exponent, no leading "+" or ".", no spaces. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** A key shown in a path as it is; any other is quoted, so no control character reaches a message. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]{1,40}");

    private final ViolationCollector violations;

    FieldReader(ViolationCollector violations) {
        this.violations = violations;
    }

    /** {@code parent.name}, or {@code name} at the top level. */
    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** {@code parent[index]}. */
    static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** A key as it reads in a path: plain keys as they are, others as a quoted, shortened JSON string. */
    static String keyPath(String parent, String key) {
        return PLAIN_KEY.matcher(key).matches() ? path(parent, key) : parent + "[" + Quoted.text(key) + "]";
    }

    /**
     * Records a violation for every field of {@code node} that is not one of {@code known}: a
     * misspelt field ({@code quantiy}) must not drop what it carries from a legal document
     * without anyone noticing. {@code known} is listed in the message, in the order given.
     */
    void unknownFields(JsonNode node, String path, List<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                violations.add(
                        keyPath(path, field.getKey()),
                        "unknown field (expected: one of " + String.join(", ", known) + ")");
            }
        }
    }

    /** A JSON object field; null, with a violation if {@code required}, when absent. */
    @Nullable
    JsonNode object(JsonNode parent, String parentPath, String name, boolean required) {
        String path = path(parentPath, name);
        JsonNode node = field(parent, name);
        if (node == null) {
            if (required) {
                violations.add(path, "missing (expected: an object)");
            }
            return null;
        }
        return isObject(node, path) ? node : null;
    }

    /** Whether {@code node} is an object; records a violation when not. */
    boolean isObject(JsonNode node, String path) {
        if (!node.isObject()) {
            violations.add(path, Quoted.node(node) + " (expected: an object)");
            return false;
        }
        return true;
    }

    /**
     * The elements of an array field, or an empty list when it is absent (with a violation if
     * {@code required}) or broken.
     */
    List<JsonNode> array(
            JsonNode parent, String parentPath, String name, boolean required, int minItems, int maxItems) {
        String path = path(parentPath, name);
        JsonNode node = field(parent, name);
        if (node == null) {
            if (required) {
                violations.add(path, "missing (expected: an array of at least " + minItems + ")");
            }
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(path, Quoted.node(node) + " (expected: an array)");
            return List.of();
        }
        if (node.size() < minItems) {
            violations.add(path, "an array of " + node.size() + " (expected: at least " + minItems + ")");
            return List.of();
        }
        if (node.size() > maxItems) {
            violations.add(path, "an array of " + node.size() + " (expected: at most " + maxItems + ")");
            return List.of();
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    /** A non-blank text field; null, with a violation, when absent, blank or broken. */
    @Nullable
    String requiredText(JsonNode parent, String parentPath, String name, int maxLength) {
        String path = path(parentPath, name);
        JsonNode node = field(parent, name);
        if (node == null) {
            violations.add(path, "missing (expected: a non-blank string)");
            return null;
        }
        String text = text(node, path, maxLength);
        if (text != null && text.isBlank()) {
            violations.add(path, Quoted.text(text) + " (expected: a non-blank string)");
            return null;
        }
        return text;
    }

    /**
     * An optional text field; null when absent, blank (an ERP's way of saying "none") or broken.
     */
    @Nullable
    String optionalText(JsonNode parent, String parentPath, String name, int maxLength) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        String text = text(node, path(parentPath, name), maxLength);
        return text == null || text.isBlank() ? null : text;
    }

    /** An optional text field limited in UTF-8 bytes rather than characters (QR content). */
    @Nullable
    String optionalBytes(JsonNode parent, String parentPath, String name, int maxBytes) {
        String text = optionalText(parent, parentPath, name, Integer.MAX_VALUE);
        if (text == null) {
            return null;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            violations.add(
                    path(parentPath, name),
                    Quoted.text(text) + " is " + bytes + " bytes in UTF-8 (expected: at most " + maxBytes + ")");
            return null;
        }
        return text;
    }

    /**
     * An optional array of text lines (address, footer), each possibly blank; an empty list when
     * absent, null when broken.
     */
    @Nullable
    List<String> textLines(JsonNode parent, String parentPath, String name, int maxLines, int maxLength) {
        String path = path(parentPath, name);
        int before = violations.count();
        List<JsonNode> nodes = array(parent, parentPath, name, false, 0, maxLines);
        List<String> lines = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String line = text(nodes.get(i), path(path, i), maxLength);
            if (line != null) {
                lines.add(line);
            }
        }
        return violations.count() == before ? lines : null;
    }

    /**
     * An optional object of legal identifiers ({@code {"NIF": "0021..."}}), order kept; an empty
     * map when absent, null when broken. Labels and values must be non-blank.
     */
    @Nullable
    Map<String, String> ids(JsonNode parent, String parentPath, String name) {
        int before = violations.count();
        JsonNode node = object(parent, parentPath, name, false);
        if (node == null) {
            return violations.count() == before ? Map.of() : null;
        }
        String path = path(parentPath, name);
        if (node.size() > InvoiceLimits.MAX_IDS) {
            violations.add(
                    path,
                    "an object of " + node.size() + " identifiers (expected: at most " + InvoiceLimits.MAX_IDS + ")");
            return null;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String label = label(entry.getKey(), path);
            if (label == null) {
                continue;
            }
            String valuePath = path(path, label);
            String value = text(entry.getValue(), valuePath, InvoiceLimits.MAX_ID_VALUE_LENGTH);
            if (value != null && value.isBlank()) {
                violations.add(valuePath, Quoted.text(value) + " (expected: a non-blank string)");
            } else if (value != null) {
                ids.put(label, value);
            }
        }
        return violations.count() == before ? ids : null;
    }

    private @Nullable String label(String label, String idsPath) {
        Optional<PrintableText.RefusedCharacter> refused = PrintableText.findRefused(label);
        if (refused.isPresent()) {
            violations.add(
                    idsPath,
                    "label " + Quoted.text(label) + " contains " + refused.get() + " (expected: printable text)");
            return null;
        }
        String cleaned = PrintableText.clean(label);
        int length = cleaned.codePointCount(0, cleaned.length());
        if (cleaned.isBlank() || length > InvoiceLimits.MAX_ID_LABEL_LENGTH) {
            violations.add(
                    idsPath,
                    "label " + Quoted.text(label) + " (expected: a non-blank label of at most "
                            + InvoiceLimits.MAX_ID_LABEL_LENGTH + " characters)");
            return null;
        }
        return cleaned;
    }

    /** A decimal field of the given kind; null, with a violation if required, when absent. */
    @Nullable
    BigDecimal decimal(JsonNode parent, String parentPath, String name, DecimalField kind, boolean required) {
        String path = path(parentPath, name);
        JsonNode node = field(parent, name);
        if (node == null) {
            if (required) {
                violations.add(path, "missing (expected: " + kind.expected() + ")");
            }
            return null;
        }
        if (node.isNumber()) {
            // By the time Jackson hands over a JSON number it may already be a double; the contract
            // asks for decimal strings, so the amount is refused rather than silently trusted.
            violations.add(
                    path,
                    Quoted.node(node) + " (expected: " + kind.expected()
                            + " as a JSON string; JSON numbers are refused)");
            return null;
        }
        if (!node.isTextual()) {
            violations.add(path, Quoted.node(node) + " (expected: " + kind.expected() + ")");
            return null;
        }
        String text = node.textValue();
        if (text.length() > InvoiceLimits.MAX_DECIMAL_LENGTH
                || !DECIMAL.matcher(text).matches()) {
            violations.add(path, Quoted.text(text) + " (expected: " + kind.expected() + ")");
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        String problem = kind.problem(value);
        if (problem != null) {
            violations.add(path, Quoted.text(text) + " (expected: " + problem + ")");
            return null;
        }
        return value;
    }

    /** Reads a node that must be a string of printable text, cleaned, of at most maxLength. */
    private @Nullable String text(JsonNode node, String path, int maxLength) {
        if (!node.isTextual()) {
            violations.add(path, Quoted.node(node) + " (expected: a string)");
            return null;
        }
        String raw = node.textValue();
        Optional<PrintableText.RefusedCharacter> refused = PrintableText.findRefused(raw);
        if (refused.isPresent()) {
            violations.add(
                    path,
                    Quoted.text(raw) + " contains " + refused.get()
                            + " (expected: printable text; control characters are refused)");
            return null;
        }
        String cleaned = PrintableText.clean(raw);
        int length = cleaned.codePointCount(0, cleaned.length());
        if (length > maxLength) {
            violations.add(
                    path,
                    Quoted.text(cleaned) + " is " + length + " characters long (expected: at most " + maxLength + ")");
            return null;
        }
        return cleaned;
    }

    private static @Nullable JsonNode field(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : node;
    }
}
