package io.printbridge.server.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.printbridge.server.agents.StoreDirectory;
import java.util.List;

/** {@code GET /api/v1/stores}: the stores this token may see, online or not, with their printers. */
@Controller("/api/v1/stores")
final class StoresController {

    /** The list wrapped in an object, so fields can be added beside it later. */
    record StoreList(List<StoreView> stores) {}

    private final StoreDirectory stores;

    StoresController(StoreDirectory stores) {
        this.stores = stores;
    }

    @Get
    StoreList list(@RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        return new StoreList(stores.all().stream()
                .filter(store -> client.mayUse(store.storeId()))
                .map(StoreView::of)
                .toList());
    }
}
