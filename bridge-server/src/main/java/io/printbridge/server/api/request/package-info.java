/**
 * The bodies of the job API ({@code POST /api/v1/stores/{storeId}/jobs} and {@code …/jobs/batch}),
 * one record per job type: the one definition of what a request may hold. The records' components
 * are the fields {@code api.JobRequestParser} accepts (it reads each body into its record), and
 * their {@code @Schema} annotations, built from the same constants as the parser's checks, are what
 * micronaut-openapi writes into the OpenAPI document at compile time.
 */
@NullMarked
package io.printbridge.server.api.request;

import org.jspecify.annotations.NullMarked;
