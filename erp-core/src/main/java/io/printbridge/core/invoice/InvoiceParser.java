package io.printbridge.core.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Turns an invoice document (the JSON of {@code examples/invoices/README.md}) into an
 * {@link Invoice}, or refuses it.
 *
 * <p>The document is read field by field from the Jackson tree so that every problem is reported
 * with its path ({@code lines[0].quantity}); all problems found are reported together. Reading
 * happens in two passes: first each field on its own (presence, type, printable text, sizes,
 * decimal format and range: {@link InvoiceReader}), then, when every field is readable, the
 * arithmetic that ties them together ({@link InvoiceValidator}). An invalid document never gives
 * an {@code Invoice}.
 *
 * <p>Decisions the contract leaves open:
 * <ul>
 *   <li>money, quantities and rates must be JSON strings in plain decimal notation; JSON numbers
 *       are refused, since a parser may already have turned them into binary floating point;
 *   <li>a field the contract does not define, at any level, is refused with its path
 *       ({@code lines[2].quantiy: unknown field (expected: one of description, quantity, …)}):
 *       a misspelt field would otherwise drop what it carries from a legal document without
 *       anyone noticing, so a new field reaches the bridge before the ERP sends it
 *       ({@link #ignoringUnknownFields()} reads documents accepted before this rule);
 *   <li>an optional text field that is blank counts as absent;
 *   <li>from bytes or a string, a key that appears twice in one object is refused (two parsers
 *       could otherwise disagree on which {@code total} is the real one).
 * </ul>
 *
 * <p>Instances hold no state and may be shared between threads.
 */
public final class InvoiceParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String DOCUMENT = "document";

    private final boolean unknownFieldsRefused;

    /** A parser for documents arriving now: unknown fields are refused. */
    public InvoiceParser() {
        this(true);
    }

    private InvoiceParser(boolean unknownFieldsRefused) {
        this.unknownFieldsRefused = unknownFieldsRefused;
    }

    /**
     * A parser for documents that were accepted when unknown fields were still ignored, such as
     * an invoice job stored by an earlier version and drawn again for its preview. Every other
     * rule holds.
     */
    public static InvoiceParser ignoringUnknownFields() {
        return new InvoiceParser(false);
    }

    /** Parses a UTF-8 (or UTF-16/32, detected) JSON document. */
    public Invoice parse(byte[] json) {
        Objects.requireNonNull(json, "json");
        if (json.length > InvoiceLimits.MAX_DOCUMENT_BYTES) {
            throw tooLarge(json.length, "bytes");
        }
        try {
            return parse(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            // Reading from a byte array does no I/O; Jackson only declares it.
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON document given as text. */
    public Invoice parse(String json) {
        Objects.requireNonNull(json, "json");
        if (json.length() > InvoiceLimits.MAX_DOCUMENT_BYTES) {
            throw tooLarge(json.length(), "characters");
        }
        try {
            return parse(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /**
     * Parses a document already read as a tree, e.g. one field of a larger request body.
     *
     * @throws InvoiceValidationException listing every violation found
     */
    public Invoice parse(JsonNode document) {
        Objects.requireNonNull(document, "document");
        ViolationCollector violations = new ViolationCollector();
        if (!document.isObject()) {
            violations.add(DOCUMENT, Quoted.node(document) + " (expected: a JSON object)");
            violations.throwIfAny();
        }
        Invoice invoice = new InvoiceReader(violations, document, unknownFieldsRefused).invoice();
        violations.throwIfAny();
        new InvoiceValidator(violations).check(Objects.requireNonNull(invoice));
        violations.throwIfAny();
        return invoice;
    }

    private static InvoiceValidationException tooLarge(int size, String unit) {
        // For text the limit counts chars, not UTF-8 bytes: close enough to stop a runaway document.
        return new InvoiceValidationException(
                List.of(new Violation(
                        DOCUMENT,
                        size + " " + unit + " (expected: at most " + InvoiceLimits.MAX_DOCUMENT_BYTES + " " + unit
                                + ")")),
                1);
    }

    private static InvoiceValidationException notJson(JsonProcessingException e) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new InvoiceValidationException(
                List.of(new Violation(
                        DOCUMENT,
                        "not valid JSON" + where + ": " + e.getOriginalMessage() + " (expected: a JSON object)")),
                1);
    }
}
