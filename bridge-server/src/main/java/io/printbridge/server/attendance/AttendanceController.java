package io.printbridge.server.attendance;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.api.ApiClient;
import io.printbridge.server.api.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The ERP's reading of attendance: a store's clocks, and its punches a page at a time by a cursor
 * that new punches never shift. Needs the {@code attendance} scope (checked by the API filter).
 */
@Controller("/api/v1")
@Tag(name = "attendance", description = "The shops' time clocks and their punches.")
final class AttendanceController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EMPLOYEE = Pattern.compile("[\\x21-\\x7e]{1,24}");

    private final ClockRegistry clocks;
    private final PunchStore punches;

    AttendanceController(ClockRegistry clocks, PunchStore punches) {
        this.clocks = requireNonNull(clocks, "clocks");
        this.punches = requireNonNull(punches, "punches");
    }

    @Operation(
            summary = "A store's attendance clocks",
            description = "Each clock's state, last contact, drift and info.")
    @Get("/stores/{storeId}/clocks")
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<ClockView> clocks(
            @PathVariable String storeId,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        client.requireStore("storeId", storeId);
        return clocks.views(storeId);
    }

    @Operation(
            summary = "A store's punches, a page at a time",
            description =
                    "In the order the server stored them. Keep `next` and pass it as `after=` next time: punches"
                            + " stored since (a clock offline for a day, say) come after it, so nothing is missed or read twice.")
    @Get("/attendance/punches")
    @ExecuteOn(TaskExecutors.BLOCKING)
    PunchPage punches(
            @Parameter(description = "The store's id (required).") @QueryValue("store") @Nullable String store,
            @Parameter(description = "Only this clock's punches.") @QueryValue("clock") @Nullable String clock,
            @Parameter(description = "Only this employee's punches (their id on the clock).")
                    @QueryValue("employee")
                    @Nullable
                    String employee,
            @Parameter(description = "Punched at or after this instant (ISO-8601 with offset).")
                    @QueryValue("from")
                    @Nullable
                    String from,
            @Parameter(description = "Punched before this instant (ISO-8601 with offset).") @QueryValue("to") @Nullable
                    String to,
            @Parameter(description = "The `next` of the previous page.") @QueryValue("after") @Nullable String after,
            @Parameter(description = "Punches per page, 1 to 1000 (100 by default).") @QueryValue("limit") @Nullable
                    String limit,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        if (store == null || store.isEmpty()) {
            throw ApiException.badRequest("store: missing (expected: the id of a store this token may read)");
        }
        client.requireStore("store", store);
        if (clock != null && !NAME.matcher(clock).matches()) {
            throw ApiException.badRequest("clock: \"" + clock + "\" (expected: 1-64 letters, digits, '-' or '_')");
        }
        if (employee != null && !EMPLOYEE.matcher(employee).matches()) {
            throw ApiException.badRequest(
                    "employee: \"" + employee + "\" (expected: an employee id, 1 to 24 characters)");
        }
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ApiException.badRequest("to: " + to + " (expected: after from, " + from + ")");
        }
        int pageSize = limit(limit);
        long afterId = PunchCursor.read(after);
        List<StoredPunch> page = punches.page(
                new PunchStore.Query(store, clock, employee, fromInstant, toInstant, afterId, pageSize + 1));
        boolean more = page.size() > pageSize;
        List<StoredPunch> shown = more ? page.subList(0, pageSize) : page;
        long last = shown.isEmpty() ? afterId : shown.get(shown.size() - 1).id();
        return new PunchPage(List.copyOf(shown), PunchCursor.of(last), more);
    }

    private static @Nullable Instant instant(String parameter, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(parameter + ": \"" + value
                    + "\" (expected: an ISO-8601 instant with its offset, e.g. 2026-12-05T08:00:00+01:00)");
        }
    }

    private static int limit(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(
                "limit: \"" + value + "\" (expected: a whole number from 1 to " + MAX_LIMIT + ")");
    }
}
