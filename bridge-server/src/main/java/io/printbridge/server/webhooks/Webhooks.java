package io.printbridge.server.webhooks;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured webhook endpoints, checked when the server starts: a wrong setting stops it,
 * before anything else is started (the agents' port, the database pool).
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class Webhooks {

    private final Map<String, Webhook> byName = new LinkedHashMap<>();

    Webhooks(List<WebhookConfig> configs) {
        for (WebhookConfig config : configs) {
            byName.put(config.name(), Webhook.of(config));
        }
    }

    /** The endpoints that want the jobs of {@code storeId}. */
    List<Webhook> forStore(String storeId) {
        return forEvent(storeId, WebhookOutbox.JOB_FINAL);
    }

    List<Webhook> forEvent(String storeId, String event) {
        return byName.values().stream().filter(w -> w.wants(storeId, event)).toList();
    }

    Optional<Webhook> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }
}
