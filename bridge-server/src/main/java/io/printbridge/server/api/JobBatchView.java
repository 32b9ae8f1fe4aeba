package io.printbridge.server.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer to a batch: its jobs, in the order they were asked for. */
@Schema(name = "JobBatch")
public record JobBatchView(List<JobView> jobs) {}
