package io.printbridge.server.db;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * A row of {@code store_printers}: the latest status of one printer of one store.
 *
 * @param status a protobuf PrinterStatus
 */
@MappedEntity("store_printers")
public record StorePrinterRow(@EmbeddedId Key key, byte[] status, Instant updatedAt) {

    /** The primary key: the store and the printer's name. */
    @Embeddable
    public record Key(
            @MappedProperty("store_id") String storeId,
            @MappedProperty("name") String name) {}
}
