package io.printbridge.server.stores;

import io.printbridge.server.stores.StoreDirectory.StoreInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a store listing, in store id order.
 *
 * @param stores at most the page's limit
 * @param next the last store id of this page when more stores match after it (the cursor for the
 *     next page); null on the last page
 * @param total how many stores match the filter in the whole listing, all pages together, as the
 *     directory was while this page was read (stores connecting meanwhile may or may not count)
 */
public record StorePage(List<StoreInfo> stores, @Nullable String next, int total) {

    public StorePage {
        stores = List.copyOf(stores);
    }
}
