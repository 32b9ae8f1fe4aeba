package io.printbridge.server.live;

import java.time.Instant;

/**
 * A store change as the {@code store} event carries it.
 *
 * @param detail what changed, for people: "agent connected", "printer receipt: paper out"
 */
record StoreSummary(String storeId, boolean online, String detail, Instant at) {}
