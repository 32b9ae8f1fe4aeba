package io.printbridge.server.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpStatus;
import io.printbridge.certs.StoreIdentity;
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

    /**
     * Refuses a store id that is not one (400, naming {@code parameter}) or a store this token may
     * not use (403): the check of every call that names a store.
     */
    public void requireStore(String parameter, String storeId) {
        if (!StoreIdentity.isValidStoreId(storeId)) {
            throw ApiException.badRequest(
                    parameter + ": \"" + storeId + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
        }
        if (!mayUse(storeId)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN, "FORBIDDEN", "API token \"" + name + "\" may not use store " + storeId);
        }
    }
}
