package io.printbridge.server.api;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * The caller an API token identifies: its name (for the audit trail), the stores it may act on
 * and what it may do there.
 */
public record ApiClient(String name, TokenStores stores, Set<Scope> scopes) {

    /** Request attribute under which the filter leaves the authenticated client. */
    public static final String ATTRIBUTE = "printbridge.api-client";

    public ApiClient {
        requireNonNull(name, "name");
        requireNonNull(stores, "stores");
        scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
    }

    public boolean mayUse(String storeId) {
        return stores.includes(storeId);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
