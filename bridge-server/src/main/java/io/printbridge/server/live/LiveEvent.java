package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

/**
 * An event as the hub encodes it once for every stream: its SSE name and JSON. It has no id:
 * each stream numbers the events it shows itself, so an id tells nothing about other stores.
 *
 * @param name {@code job} or {@code store}
 * @param data the JSON
 */
record LiveEvent(String name, String data) {

    LiveEvent {
        requireNonNull(name, "name");
        requireNonNull(data, "data");
    }
}
