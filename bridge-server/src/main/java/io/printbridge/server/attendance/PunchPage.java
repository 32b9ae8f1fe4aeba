package io.printbridge.server.attendance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of a store's punches in the order the server stored them. */
@Schema(name = "PunchPage")
public record PunchPage(
        List<StoredPunch> punches,

        @Schema(
                description =
                        "Pass it as `after=` (with the same filters) for the next page, now or later: punches"
                                + " stored since come after it, so a payroll import that keeps it misses none and reads none twice.")
        String next,

        @Schema(description = "Whether more punches match now (the page is full).")
        boolean more) {}
