package io.printbridge.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpStatus;
import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.InvoiceParser;
import io.printbridge.core.invoice.InvoiceValidationException;
import io.printbridge.proto.v1.ClearAttendance;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.EmployeePrivilege;
import io.printbridge.proto.v1.PushEmployee;
import io.printbridge.proto.v1.ReadClockInfo;
import io.printbridge.proto.v1.RemoveEmployee;
import io.printbridge.proto.v1.SetClockTime;
import io.printbridge.server.api.request.AttendanceClearJob;
import io.printbridge.server.api.request.ClockInfoJob;
import io.printbridge.server.api.request.ClockJob;
import io.printbridge.server.api.request.ClockTimeJob;
import io.printbridge.server.api.request.DrawerJob;
import io.printbridge.server.api.request.DrawerPin;
import io.printbridge.server.api.request.EmployeePushJob;
import io.printbridge.server.api.request.EmployeeRemoveJob;
import io.printbridge.server.api.request.InvoiceJob;
import io.printbridge.server.api.request.JobBatchBody;
import io.printbridge.server.api.request.JobBody;
import io.printbridge.server.api.request.RawJob;
import io.printbridge.server.api.request.StatusJob;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.jobs.JobType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON body of {@code POST /api/v1/stores/{storeId}/jobs} into its record of
 * {@code api.request} ({@link RawJob}, {@link InvoiceJob}, {@link DrawerJob}, {@link StatusJob}),
 * then into a {@link JobRequest}. Strict on purpose: an unknown field is refused, because a
 * misspelt {@code "printer"} would otherwise print on the default printer without anyone noticing.
 *
 * <p>The records are also the request's schema in the OpenAPI document: the fields a type accepts
 * are its record's components, and every limit checked here is a constant of the record that its
 * {@code @Schema} states too. {@code OpenApiJobBodiesTest} holds the served document to what this
 * class accepts.
 */
final class JobRequestParser {

    /** Each job type's fields, sorted as a message lists them: its record's components. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            RawJob.TYPE, fieldsOf(RawJob.class),
            InvoiceJob.TYPE, fieldsOf(InvoiceJob.class),
            DrawerJob.TYPE, fieldsOf(DrawerJob.class),
            StatusJob.TYPE, fieldsOf(StatusJob.class),
            ClockInfoJob.TYPE, fieldsOf(ClockInfoJob.class),
            ClockTimeJob.TYPE, fieldsOf(ClockTimeJob.class),
            AttendanceClearJob.TYPE, fieldsOf(AttendanceClearJob.class),
            EmployeePushJob.TYPE, fieldsOf(EmployeePushJob.class),
            EmployeeRemoveJob.TYPE, fieldsOf(EmployeeRemoveJob.class));

    private static final Set<String> BATCH_FIELDS = Set.copyOf(fieldsOf(JobBatchBody.class));
    private static final Pattern PRINTER_NAME = Pattern.compile(JobBody.PRINTER_PATTERN);
    private static final Pattern CLOCK_OR_EVERY = Pattern.compile(JobBody.CLOCK_OR_EVERY_PATTERN);
    private static final Pattern EMPLOYEE_ID = Pattern.compile(EmployeePushJob.EMPLOYEE_ID_PATTERN);
    private static final Pattern CARD_NUMBER = Pattern.compile("^[0-9]{1,10}$");

    /** A clock name that means every clock of the store. */
    static final String EVERY_CLOCK = "*";

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
        if (!root.isObject() || !Set.copyOf(fieldNames(root)).equals(BATCH_FIELDS)) {
            throw ApiException.badRequest("request body: "
                    + (root.isObject()
                            ? "fields " + fieldNames(root)
                            : root.getNodeType().name().toLowerCase()) + " (expected: {\"jobs\":[...]} with "
                    + JobBatchBody.MIN_JOBS
                    + " to " + JobBatchBody.MAX_JOBS + " jobs)");
        }
        JsonNode jobs = root.get("jobs");
        if (!jobs.isArray() || jobs.size() < JobBatchBody.MIN_JOBS || jobs.size() > JobBatchBody.MAX_JOBS) {
            throw ApiException.badRequest("jobs: "
                    + (jobs.isArray()
                            ? jobs.size() + " jobs"
                            : jobs.getNodeType().name().toLowerCase()) + " (expected: an array of "
                    + JobBatchBody.MIN_JOBS + " to " + JobBatchBody.MAX_JOBS + " jobs)");
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

    /**
     * A single job's body. The checks run in a fixed order (type, printer, time to live, unknown
     * fields, then the type's own fields in the order of its record), so a body with several
     * mistakes is always told about the same one first.
     */
    JobRequest parse(JsonNode root) {
        if (!root.isObject()) {
            throw ApiException.badRequest("request body: "
                    + (root.isNull() ? "empty" : root.getNodeType().name().toLowerCase())
                    + " (expected: a JSON object such as {\"type\":\"raw\",\"data\":\"<base64>\"})");
        }
        String type = text(root, "type");
        if (type == null) {
            throw ApiException.badRequest("type: missing (expected: a string)");
        }
        List<String> fields = FIELDS.get(type);
        if (fields == null) {
            throw ApiException.badRequest("type: \"" + type + "\" (expected: " + JobBody.TYPES + ")");
        }
        String printer = fields.contains("printer") ? text(root, "printer") : null;
        if (printer != null && !PRINTER_NAME.matcher(printer).matches()) {
            throw ApiException.badRequest("printer: \"" + printer + "\" (expected: 1-64 letters, digits, '-' or '_')");
        }
        Long ttlSeconds = ttlSeconds(root);
        only(root, type, fields);
        return switch (type) {
            case RawJob.TYPE -> {
                RawJob raw = new RawJob(type, rawData(root), flag(root, "openDrawer"), printer, ttlSeconds);
                yield request(raw, new JobPayload.Print(raw.data()), raw.openDrawer());
            }
            case InvoiceJob.TYPE -> {
                // Validated before openDrawer is read, so a wrong invoice is what a body with both wrong reports.
                Invoice invoice = invoice(root);
                InvoiceJob job =
                        new InvoiceJob(type, root.get("invoice"), flag(root, "openDrawer"), printer, ttlSeconds);
                yield request(
                        job,
                        new JobPayload.InvoiceToRender(invoice, job.invoice().toString()),
                        job.openDrawer());
            }
            case DrawerJob.TYPE -> {
                DrawerJob drawer = new DrawerJob(type, pin(root), pulseMs(root), printer, ttlSeconds);
                yield request(drawer, pulse(drawer), null);
            }
            case StatusJob.TYPE -> request(new StatusJob(type, printer, ttlSeconds), new JobPayload.Status(), null);
            case ClockInfoJob.TYPE ->
                clockRequest(
                        new ClockInfoJob(type, clock(root, false), ttlSeconds),
                        Command.newBuilder().setReadClockInfo(ReadClockInfo.getDefaultInstance()));
            case ClockTimeJob.TYPE ->
                clockRequest(
                        new ClockTimeJob(type, clock(root, false), ttlSeconds),
                        Command.newBuilder().setSetClockTime(SetClockTime.getDefaultInstance()));
            case AttendanceClearJob.TYPE ->
                clockRequest(
                        new AttendanceClearJob(type, clock(root, false), ttlSeconds),
                        Command.newBuilder().setClearAttendance(ClearAttendance.getDefaultInstance()));
            case EmployeePushJob.TYPE -> {
                EmployeePushJob job = new EmployeePushJob(
                        type,
                        clock(root, true),
                        employeeId(root),
                        employeeName(root),
                        cardNumber(root),
                        flag(root, "admin"),
                        ttlSeconds);
                PushEmployee.Builder push = PushEmployee.newBuilder()
                        .setUserId(job.employeeId())
                        .setName(job.name())
                        .setCardNumber(job.cardNumber() == null ? "" : job.cardNumber())
                        .setPrivilege(
                                Boolean.TRUE.equals(job.admin())
                                        ? EmployeePrivilege.EMPLOYEE_PRIVILEGE_ADMIN
                                        : EmployeePrivilege.EMPLOYEE_PRIVILEGE_USER);
                yield request(
                        job,
                        new JobPayload.ClockAction(Command.newBuilder()
                                .setPushEmployee(push)
                                .build()
                                .toByteArray()),
                        null);
            }
            case EmployeeRemoveJob.TYPE -> {
                EmployeeRemoveJob job = new EmployeeRemoveJob(type, clock(root, true), employeeId(root), ttlSeconds);
                yield request(
                        job,
                        new JobPayload.ClockAction(Command.newBuilder()
                                .setRemoveEmployee(RemoveEmployee.newBuilder().setUserId(job.employeeId()))
                                .build()
                                .toByteArray()),
                        null);
            }
            default -> throw new IllegalStateException("job type \"" + type + "\" has fields but no reader");
        };
    }

    /** The request a job's record stands for, with the defaults its absent fields mean. */
    private JobRequest request(JobBody body, JobPayload payload, @Nullable Boolean openDrawer) {
        JobType type = JobType.fromWireName(body.type())
                .orElseThrow(() ->
                        new IllegalStateException("job type \"" + body.type() + "\" has a record but no JobType"));
        String printer = body.printer();
        Long ttlSeconds = body.ttlSeconds();
        return new JobRequest(
                type,
                printer == null ? "" : printer,
                payload,
                ttlSeconds == null ? null : Duration.ofSeconds(ttlSeconds),
                Boolean.TRUE.equals(openDrawer));
    }

    /** A clock's job: the action as the agent will get it, the clock's name as the job's device. */
    private JobRequest clockRequest(ClockJob job, Command.Builder action) {
        return request(job, new JobPayload.ClockAction(action.build().toByteArray()), null);
    }

    /** A clock job's clock: a name, empty for the store's only clock, or {@code *} for every clock where allowed. */
    private static @Nullable String clock(JsonNode root, boolean everyAllowed) {
        String clock = text(root, "clock");
        if (clock != null
                && (!CLOCK_OR_EVERY.matcher(clock).matches() || (clock.equals(EVERY_CLOCK) && !everyAllowed))) {
            throw ApiException.badRequest("clock: \"" + clock + "\" (expected: 1-64 letters, digits, '-' or '_'"
                    + (everyAllowed ? ", or * for every clock of the store" : "") + ")");
        }
        return clock;
    }

    private static String employeeId(JsonNode root) {
        String id = text(root, "employeeId");
        if (id == null || !EMPLOYEE_ID.matcher(id).matches()) {
            throw ApiException.badRequest("employeeId: " + (id == null ? "missing" : "\"" + id + "\"")
                    + " (expected: 1 to 9 digits, the id the employee's punches carry)");
        }
        return id;
    }

    private static String employeeName(JsonNode root) {
        String name = text(root, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest(
                    "name: " + (name == null ? "missing" : "blank") + " (expected: the name the clock shows)");
        }
        int bytes = name.strip().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > EmployeePushJob.MAX_NAME_BYTES) {
            throw ApiException.badRequest("name: \"" + name + "\" is " + bytes + " bytes in UTF-8 (expected: at most "
                    + EmployeePushJob.MAX_NAME_BYTES + ", what a clock keeps)");
        }
        return name.strip();
    }

    private static @Nullable String cardNumber(JsonNode root) {
        String card = text(root, "cardNumber");
        if (card != null && (!CARD_NUMBER.matcher(card).matches() || Long.parseLong(card) > 0xFFFF_FFFFL)) {
            throw ApiException.badRequest(
                    "cardNumber: \"" + card + "\" (expected: up to 10 digits, at most 4294967295)");
        }
        return card;
    }

    /** A drawer job's pulse; pin and length 0 for the agent's settings. */
    private static JobPayload.Drawer pulse(DrawerJob drawer) {
        DrawerPin pin = drawer.pin();
        Integer pulseMs = drawer.pulseMs();
        return new JobPayload.Drawer(pin == null ? 0 : pin.getNumber(), pulseMs == null ? 0 : pulseMs);
    }

    /** The invoice document, validated by erp-core; every violation comes back with its field path. */
    private Invoice invoice(JsonNode root) {
        JsonNode node = root.get("invoice");
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("invoice: "
                    + (node == null ? "missing" : node.getNodeType().name().toLowerCase())
                    + " (expected: the invoice document as a JSON object)");
        }
        try {
            return invoices.parse(node);
        } catch (InvoiceValidationException e) {
            List<ApiError.FieldError> details = e.violations().stream()
                    // A quoted key is a path of its own: invoice["odd key"], not invoice.["odd key"].
                    .map(v -> new ApiError.FieldError(
                            "invoice" + (v.path().startsWith("[") ? "" : ".") + v.path(), v.message()))
                    .toList();
            throw ApiException.listing(
                    HttpStatus.BAD_REQUEST, "INVALID_INVOICE", "invoice refused, nothing will be printed", details);
        }
    }

    private static @Nullable Boolean flag(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field + ": " + node + " (expected: true or false)");
        }
        return node.asBoolean();
    }

    private static byte[] rawData(JsonNode root) {
        String data = text(root, "data");
        if (data == null) {
            throw ApiException.badRequest("data: missing (expected: a string)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "data: not valid base64 (" + e.getMessage() + ") (expected: the ESC/POS bytes in standard base64)");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("data: empty (expected: at least one byte to print)");
        }
        if (bytes.length > RawJob.MAX_DATA_BYTES) {
            throw new ApiException(
                    HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "BODY_TOO_LARGE",
                    "data: " + bytes.length + " bytes (expected: at most " + RawJob.MAX_DATA_BYTES + ")");
        }
        return bytes;
    }

    private @Nullable Long ttlSeconds(JsonNode root) {
        JsonNode node = root.get("ttlSeconds");
        if (node == null || node.isNull()) {
            return null;
        }
        long max = maxTimeToLive.toSeconds();
        if (!node.isIntegralNumber()
                || !node.canConvertToLong()
                || node.asLong() < JobBody.MIN_TTL_SECONDS
                || node.asLong() > max) {
            throw ApiException.badRequest("ttlSeconds: " + node + " (expected: a whole number of seconds from "
                    + JobBody.MIN_TTL_SECONDS + " to " + max + ")");
        }
        return node.asLong();
    }

    private static @Nullable DrawerPin pin(JsonNode root) {
        JsonNode node = root.get("pin");
        if (node == null || node.isNull()) {
            return null;
        }
        // Compared as a long: asInt() would keep the low 32 bits, and 4294967298 would be pin 2.
        return Optional.of(node)
                .filter(n -> n.isIntegralNumber() && n.canConvertToLong())
                .flatMap(n -> DrawerPin.of(n.asLong()))
                .orElseThrow(() -> ApiException.badRequest("pin: " + node + " (expected: " + DrawerPin.listed() + ")"));
    }

    private static @Nullable Integer pulseMs(JsonNode root) {
        JsonNode node = root.get("pulseMs");
        if (node == null || node.isNull()) {
            return null;
        }
        // canConvertToInt first: asInt() keeps the low 32 bits, and 4294967396 would be 100.
        if (!node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.asInt() < DrawerJob.MIN_PULSE_MS
                || node.asInt() > DrawerJob.MAX_PULSE_MS) {
            throw ApiException.badRequest("pulseMs: " + node + " (expected: a whole number of milliseconds from "
                    + DrawerJob.MIN_PULSE_MS + " to " + DrawerJob.MAX_PULSE_MS + ")");
        }
        return node.asInt();
    }

    /** The string in {@code field}; null if it is absent or null. */
    private static @Nullable String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + ": " + node + " (expected: a string)");
        }
        return node.asText();
    }

    /** Refuses a field that is not one of {@code fields}, naming them all. */
    private static void only(JsonNode root, String type, List<String> fields) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + name + "\" for type \"" + type + "\" (expected: "
                        + String.join(", ", fields) + ")");
            }
        }
    }

    /** A record's component names, sorted: the JSON fields of the body it describes. */
    private static List<String> fieldsOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .sorted()
                .toList();
    }
}
