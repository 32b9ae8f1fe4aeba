package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/** Removes an employee from an attendance clock. Needs the {@code attendance} scope. */
@Schema(
        name = "EmployeeRemoveJob",
        description =
                "Removes an employee from an attendance clock (their punches already stored stay). "
                        + "`\"clock\": \"*\"` in a batch removes them from every clock of the store. Needs the `attendance` scope.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record EmployeeRemoveJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = EmployeeRemoveJob.TYPE)
        String type,

        @Schema(description = JobBody.CLOCK, pattern = JobBody.CLOCK_OR_EVERY_PATTERN) @Nullable
        String clock,

        @Schema(
                description = "The employee's id on the clock.",
                requiredMode = RequiredMode.REQUIRED,
                pattern = EmployeePushJob.EMPLOYEE_ID_PATTERN)
        String employeeId,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements ClockJob {

    public static final String TYPE = "employee-remove";
}
