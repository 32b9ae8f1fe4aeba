package io.printbridge.server.openapi;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import java.util.List;

/**
 * The body of {@code POST /api/v1/stores/{storeId}/jobs/batch}, in schema form, for the OpenAPI
 * document only (the controller reads the body itself, as for {@link JobBody}).
 */
@Schema(name = "JobBatchBody", description = "Several jobs for one store, stored all or none and delivered in order.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record JobBatchBody(
        @ArraySchema(schema = @Schema(implementation = JobBody.class), minItems = 1, maxItems = 100,
                arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                        description = "1 to 100 jobs, each as `POST …/jobs` takes it; an error names its element (`jobs[3].data`)."))
        List<JobBody> jobs) {}
