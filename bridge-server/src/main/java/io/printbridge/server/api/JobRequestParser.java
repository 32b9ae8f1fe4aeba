package io.printbridge.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.jobs.JobType;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import io.micronaut.http.HttpStatus;
import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.InvoiceParser;
import io.printbridge.core.invoice.InvoiceValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON body of {@code POST /api/v1/stores/{storeId}/jobs} into a {@link JobRequest}.
 * Strict on purpose: an unknown field is refused, because a misspelt {@code "printer"} would
 * otherwise print on the default printer without anyone noticing.
 */
final class JobRequestParser {

    /** Decoded raw data above this is refused: a long receipt with a logo is well under 100 KiB. */
    static final int MAX_RAW_BYTES = 1024 * 1024;
    private static final Pattern PRINTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Jobs in one batch request at most: a day's invoices of one till, with room to spare. */
    static final int MAX_BATCH = 100;
    private static final Set<String> COMMON_FIELDS = Set.of("type", "printer", "ttlSeconds");

    private final StrictJsonReader json;
    private final InvoiceParser invoices = new InvoiceParser();
    private final Duration maxTimeToLive;

    JobRequestParser(ObjectMapper json, Duration maxTimeToLive) {
        this.json = new StrictJsonReader(json);
        this.maxTimeToLive = maxTimeToLive;
    }

    /**
     * The body's JSON, read strictly ({@link StrictJsonReader}): the one tree that both
     * {@link #parse} or {@link #parseBatch} and the idempotency hash ({@link RequestHash}) read.
     */
    JsonNode read(byte[] body) {
        return json.read(body);
    }

    /** A batch body, {@code {"jobs":[…]}}: every job is read before any is taken; an error names its element. */
    List<JobRequest> parseBatch(JsonNode root) {
        if (!root.isObject() || root.size() != 1 || !root.has("jobs")) {
            throw ApiException.badRequest("request body: " + (root.isObject() ? "fields " + fieldNames(root)
                    : root.getNodeType().name().toLowerCase()) + " (expected: {\"jobs\":[...]} with 1 to " + MAX_BATCH + " jobs)");
        }
        JsonNode jobs = root.get("jobs");
        if (!jobs.isArray() || jobs.isEmpty() || jobs.size() > MAX_BATCH) {
            throw ApiException.badRequest("jobs: " + (jobs.isArray() ? jobs.size() + " jobs" : jobs.getNodeType().name().toLowerCase())
                    + " (expected: an array of 1 to " + MAX_BATCH + " jobs)");
        }
        List<JobRequest> requests = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            try {
                requests.add(parse(jobs.get(i)));
            } catch (ApiException e) {
                throw e.within("jobs[" + i + "]");
            }
        }
        return requests;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A single job's body. */
    JobRequest parse(JsonNode root) {
        if (!root.isObject()) {
            throw ApiException.badRequest("request body: " + (root.isNull() ? "empty" : root.getNodeType().name().toLowerCase())
                    + " (expected: a JSON object such as {\"type\":\"raw\",\"data\":\"<base64>\"})");
        }
        String typeName = text(root, "type", true);
        JobType type = JobType.fromWireName(typeName).orElseThrow(() -> ApiException.badRequest(
                "type: \"" + typeName + "\" (expected: invoice, raw, drawer or status)"));
        String printer = text(root, "printer", false);
        if (!printer.isEmpty() && !PRINTER_NAME.matcher(printer).matches()) {
            throw ApiException.badRequest("printer: \"" + printer + "\" (expected: 1-64 letters, digits, '-' or '_')");
        }
        Duration ttl = timeToLive(root);
        return switch (type) {
            case RAW -> {
                only(root, "data", "openDrawer");
                yield new JobRequest(type, printer, new JobPayload.Print(rawData(root)), ttl, flag(root, "openDrawer"));
            }
            case DRAWER -> {
                only(root, "pin", "pulseMs");
                yield new JobRequest(type, printer, new JobPayload.Drawer(pin(root), pulseMs(root)), ttl);
            }
            case STATUS -> {
                only(root);
                yield new JobRequest(type, printer, new JobPayload.Status(), ttl);
            }
            case INVOICE -> {
                only(root, "invoice", "openDrawer");
                yield new JobRequest(type, printer, new JobPayload.InvoiceToRender(invoice(root), root.get("invoice").toString()),
                        ttl, flag(root, "openDrawer"));
            }
        };
    }

    /** The invoice document, validated by erp-core; every violation comes back with its field path. */
    private Invoice invoice(JsonNode root) {
        JsonNode node = root.get("invoice");
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("invoice: " + (node == null ? "missing" : node.getNodeType().name().toLowerCase())
                    + " (expected: the invoice document as a JSON object)");
        }
        try {
            return invoices.parse(node);
        } catch (InvoiceValidationException e) {
            List<ApiError.FieldError> details = e.violations().stream()
                    // A quoted key is a path of its own: invoice["odd key"], not invoice.["odd key"].
                    .map(v -> new ApiError.FieldError("invoice" + (v.path().startsWith("[") ? "" : ".") + v.path(), v.message()))
                    .toList();
            throw ApiException.listing(HttpStatus.BAD_REQUEST, "INVALID_INVOICE", "invoice refused, nothing will be printed", details);
        }
    }

    private static boolean flag(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field + ": " + node + " (expected: true or false)");
        }
        return node.asBoolean();
    }

    private byte[] rawData(JsonNode root) {
        String data = text(root, "data", true);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("data: not valid base64 (" + e.getMessage() + ") (expected: the ESC/POS bytes in standard base64)");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("data: empty (expected: at least one byte to print)");
        }
        if (bytes.length > MAX_RAW_BYTES) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "BODY_TOO_LARGE",
                    "data: " + bytes.length + " bytes (expected: at most " + MAX_RAW_BYTES + ")");
        }
        return bytes;
    }

    private @Nullable Duration timeToLive(JsonNode root) {
        JsonNode node = root.get("ttlSeconds");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > maxTimeToLive.toSeconds()) {
            throw ApiException.badRequest("ttlSeconds: " + node + " (expected: a whole number of seconds from 1 to "
                    + maxTimeToLive.toSeconds() + ")");
        }
        return Duration.ofSeconds(node.asLong());
    }

    private static int pin(JsonNode root) {
        JsonNode node = root.get("pin");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || (node.asInt() != 2 && node.asInt() != 5)) {
            throw ApiException.badRequest("pin: " + node + " (expected: 2 or 5)");
        }
        return node.asInt();
    }

    private static int pulseMs(JsonNode root) {
        JsonNode node = root.get("pulseMs");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || node.asInt() < 20 || node.asInt() > 250) {
            throw ApiException.badRequest("pulseMs: " + node + " (expected: a whole number of milliseconds from 20 to 250)");
        }
        return node.asInt();
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw ApiException.badRequest(field + ": missing (expected: a string)");
            }
            return "";
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + ": " + node + " (expected: a string)");
        }
        return node.asText();
    }

    /** Refuses fields other than the common ones and {@code allowed}. */
    private static void only(JsonNode root, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!COMMON_FIELDS.contains(name) && !ok.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + name + "\" for type \"" + root.get("type").asText()
                        + "\" (expected: " + String.join(", ", sorted(ok)) + ")");
            }
        }
    }

    private static java.util.List<String> sorted(Set<String> specific) {
        java.util.List<String> all = new java.util.ArrayList<>(COMMON_FIELDS);
        all.addAll(specific);
        java.util.Collections.sort(all);
        return all;
    }
}
