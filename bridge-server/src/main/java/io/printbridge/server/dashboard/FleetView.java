package io.printbridge.server.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the fleet page shows for one query: a page of rows, and what is said of the whole fleet
 * (its alerts, its agent versions, how many stores match).
 *
 * @param rows the page's stores, in store id order, at most {@link Fleet#PAGE_SIZE}
 * @param next the cursor of the next page; null on the last one
 * @param matching how many stores match the filters, all pages together
 * @param fleetSize how many stores the fleet has
 * @param alerts every alert of the fleet, whatever the filters and the page
 * @param versions the agent versions of the fleet, sorted, for the version filter
 * @param overloadRefusals requests for new jobs this server refused in the last minute because it
 *     was past the load it serves in time (503 SERVER_BUSY)
 * @param agentPortFullAt while the agents' port holds as many connections as it may (the shops past
 *     it waiting), that bound; 0 otherwise
 * @param restPortFullAt when the REST port answered a connection 503 in the last minute (every one
 *     of its connections answering a request), its bound; 0 otherwise
 */
record FleetView(
        List<FleetRow> rows,
        @Nullable String next,
        int matching,
        int fleetSize,
        List<Alert> alerts,
        List<String> versions,
        long overloadRefusals,
        int agentPortFullAt,
        int restPortFullAt) {

    FleetView {
        rows = List.copyOf(rows);
        alerts = List.copyOf(alerts);
        versions = List.copyOf(versions);
    }
}
