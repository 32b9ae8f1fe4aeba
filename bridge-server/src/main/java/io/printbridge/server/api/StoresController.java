package io.printbridge.server.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.identity.StoreConflicts;
import io.printbridge.server.stores.StoreDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/stores}: the stores this token may see, online or not, with their printers. */
@Controller("/api/v1/stores")
@Tag(name = "stores", description = "The shops, their agents and their printers.")
final class StoresController {

    /** The list wrapped in an object, so fields can be added beside it later. */
    @Schema(name = "StoreList")
    record StoreList(List<StoreView> stores) {}

    private final StoreDirectory stores;
    private final CertificateStanding standing;
    private final StoreConflicts conflicts;
    private final Clock clock;

    StoresController(StoreDirectory stores, CertificateStanding standing, StoreConflicts conflicts, Clock clock) {
        this.stores = stores;
        this.standing = standing;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    @Operation(
            summary = "The stores this token may use",
            description =
                    "Every store whose agent ever connected, online or not, with its printers and their last known status.")
    @ApiResponse(responseCode = "200", description = "The stores.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "401",
            description = "UNAUTHENTICATED: no `Authorization: Bearer`, or an unknown token.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Get
    StoreList list(@Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        Instant now = clock.instant();
        return new StoreList(stores.all().stream()
                .filter(store -> client.mayUse(store.storeId()))
                .map(store -> StoreView.of(
                        store,
                        standing.revokedBefore(store.storeId()).orElse(null),
                        conflicts.of(store.storeId()).orElse(null),
                        now))
                .toList());
    }
}
