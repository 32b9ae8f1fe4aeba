package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import java.util.List;

/**
 * The body of {@code POST /api/v1/stores/{storeId}/jobs/batch}: several jobs, stored all or none.
 * The parser takes its one field and its limits from here, and reads each job into its own record.
 */
@Schema(
        name = "JobBatchBody",
        description = "Several jobs for one store, stored all or none and delivered in order.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record JobBatchBody(
        @ArraySchema(
                schema = @Schema(implementation = JobBody.class),
                minItems = JobBatchBody.MIN_JOBS,
                maxItems = JobBatchBody.MAX_JOBS,
                arraySchema =
                        @Schema(
                                requiredMode = Schema.RequiredMode.REQUIRED,
                                description = JobBatchBody.MIN_JOBS + " to " + JobBatchBody.MAX_JOBS
                                        + " jobs, each as `POST …/jobs` "
                                        + "takes it; an error names its element (`jobs[3].data`)."))
        List<JobBody> jobs) {

    public static final int MIN_JOBS = 1;
    /** Jobs in one batch request at most: a day's invoices of one till, with room to spare. */
    public static final int MAX_JOBS = 100;
}
