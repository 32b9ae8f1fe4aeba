package io.printbridge.server.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.identity.StoreConflicts;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.stores.StorePage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/stores}: the stores this token may see, online or not, with their printers,
 * a page at a time in store id order, filtered by the query ({@link StoreListParameters}).
 *
 * <p>Paged by cursor (keyset) and not by offset: {@code next} is the last store id of the page and
 * the following page starts after it, so stores connecting for the first time during a walk never
 * shift the pages under the client, and every store present for the whole walk comes once. A
 * page is read from the directory in memory; only its stores are turned into JSON.
 */
@Controller("/api/v1/stores")
@Tag(name = "stores", description = "The shops, their agents and their printers.")
final class StoresController {

    /**
     * One page of stores. {@code stores} stays what it always was, so a client that does not know
     * about paging still reads the first page.
     */
    @Schema(name = "StoreList")
    record StoreList(
            List<StoreView> stores,

            @Schema(
                    description = "Absent on the last page. Otherwise pass it as `after=` with the same other"
                            + " parameters for the next page: a client must follow it to see every store.",
                    example = "alger-07")
            @Nullable
            String next,

            @Schema(description = "How many stores match the filters on all pages together (this token's stores only).")
            int total) {}

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
            summary = "The stores this token may use, a page at a time",
            description = "The stores whose agent ever connected, online or not, with their printers and their last"
                    + " known status, in store id order, at most `limit` per page. While `next` is in the answer,"
                    + " more stores match: ask again with `after=<next>` and the same filters. Filters combine (all"
                    + " must hold).")
    @ApiResponse(responseCode = "200", description = "A page of stores.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: a bad or unknown query parameter, named in the message with what was"
                    + " expected.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "401",
            description = "UNAUTHENTICATED: no `Authorization: Bearer`, or an unknown token.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Get
    StoreList list(
            @Parameter(hidden = true) HttpRequest<?> request,
            @Parameter(
                            description = "The previous page's `next`: the stores after this store id. Absent for"
                                    + " the first page.",
                            schema = @Schema(type = "string", maxLength = 63),
                            example = "alger-07")
                    @QueryValue(StoreListParameters.AFTER)
                    @Nullable
                    String after,
            @Parameter(
                            description = "Stores per page.",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
                    @QueryValue(StoreListParameters.LIMIT)
                    @Nullable
                    String limit,
            @Parameter(
                            description = "Only stores whose agent is connected (true) or not (false).",
                            schema = @Schema(type = "boolean"))
                    @QueryValue(StoreListParameters.ONLINE)
                    @Nullable
                    String online,
            @Parameter(
                            description = "`printer`: only stores with a printer whose last status is not READY"
                                    + " (paper out, cover open, error, offline, unknown) or whose paper is nearly out.",
                            schema = @Schema(type = "string", allowableValues = "printer"))
                    @QueryValue(StoreListParameters.PROBLEM)
                    @Nullable
                    String problem,
            @Parameter(
                            description = "Only stores whose certificate expires within this many days from now,"
                                    + " expired ones included (14 lists the dashboard's EXPIRING and EXPIRED)."
                                    + " Stores whose certificate is not known are left out.",
                            schema = @Schema(type = "integer", minimum = "0", maximum = "3650"))
                    @QueryValue(StoreListParameters.CERTIFICATE_DAYS)
                    @Nullable
                    String certificateDays,
            @Parameter(
                            description = "Only stores whose id or PC hostname contains this, any case.",
                            schema = @Schema(type = "string", maxLength = 64),
                            example = "alger")
                    @QueryValue(StoreListParameters.TEXT)
                    @Nullable
                    String q,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        StoreListParameters.checkNames(request.getParameters());
        StoreListParameters query = StoreListParameters.of(after, limit, online, problem, certificateDays, q);
        Instant now = clock.instant();
        TokenStores reach = client.stores();
        StorePage page =
                stores.page(query.filter(now), reach.all() ? null : reach.sortedIds(), query.after(), query.limit());
        return new StoreList(
                page.stores().stream()
                        .map(store -> StoreView.of(
                                store,
                                standing.revokedBefore(store.storeId()).orElse(null),
                                conflicts.of(store.storeId()).orElse(null),
                                now))
                        .toList(),
                page.next(),
                page.total());
    }
}
