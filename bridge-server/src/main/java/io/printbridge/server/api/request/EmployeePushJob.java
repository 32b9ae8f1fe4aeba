package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/** Adds or updates an employee on an attendance clock. Needs the {@code attendance} scope. */
@Schema(
        name = "EmployeePushJob",
        description = "Adds an employee to an attendance clock, or updates the one with the same id. "
                + "`\"clock\": \"*\"` in a batch pushes to every clock of the store. Needs the `attendance` scope.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record EmployeePushJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = EmployeePushJob.TYPE)
        String type,

        @Schema(description = JobBody.CLOCK, pattern = JobBody.CLOCK_OR_EVERY_PATTERN) @Nullable
        String clock,

        @Schema(
                description = "The employee's id on the clock: what their punches carry.",
                requiredMode = RequiredMode.REQUIRED,
                pattern = EmployeePushJob.EMPLOYEE_ID_PATTERN)
        String employeeId,

        @Schema(
                description =
                        "The name the clock shows, at most " + EmployeePushJob.MAX_NAME_BYTES + " bytes in UTF-8.",
                requiredMode = RequiredMode.REQUIRED,
                minLength = 1,
                maxLength = EmployeePushJob.MAX_NAME_BYTES)
        String name,

        @Schema(
                description = "The badge number, up to 10 digits and at most 4294967295; none if absent.",
                pattern = "^[0-9]{1,10}$")
        @Nullable
        String cardNumber,

        @Schema(description = "Whether the employee administers the clock; false if absent.") @Nullable
        Boolean admin,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements ClockJob {

    public static final String TYPE = "employee-push";
    public static final String EMPLOYEE_ID_PATTERN = "^[0-9]{1,9}$";
    public static final int MAX_NAME_BYTES = 24;
}
