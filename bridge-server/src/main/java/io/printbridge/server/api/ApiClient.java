package io.printbridge.server.api;

import java.util.Set;

/**
 * The ERP caller an API token identifies, and the stores it may act on.
 *
 * @param stores store ids; empty means all stores
 */
public record ApiClient(String name, Set<String> stores) {

    /** Request attribute under which the filter leaves the authenticated client. */
    public static final String ATTRIBUTE = "printbridge.api-client";

    public boolean mayUse(String storeId) {
        return stores.isEmpty() || stores.contains(storeId);
    }
}
