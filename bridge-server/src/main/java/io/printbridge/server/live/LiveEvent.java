package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.api.Scope;
import org.jspecify.annotations.Nullable;

/**
 * An event as the hub encodes it once for every stream: its SSE name and JSON. It has no id:
 * each stream numbers the events it shows itself, so an id tells nothing about other stores.
 *
 * @param name {@code job}, {@code store}, {@code attendance} or {@code clock}
 * @param data the JSON
 * @param needs the scope a token needs to see it (a clock's job and attendance need {@code
 *     attendance}); null for what every token of the store sees (its agent's connection)
 */
record LiveEvent(String name, String data, @Nullable Scope needs) {

    LiveEvent {
        requireNonNull(name, "name");
        requireNonNull(data, "data");
    }
}
