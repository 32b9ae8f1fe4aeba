package io.printbridge.server.dashboard;

import io.printbridge.server.api.StoreView;
import java.util.List;

/**
 * One store on the fleet page: the same {@link StoreView} the REST store list answers, with its
 * job figures and alerts.
 *
 * @param waiting jobs QUEUED or SENT
 * @param finished24h jobs that ended in the last 24 h, whatever their end
 * @param failed24h of those, FAILED, EXPIRED or UNCERTAIN
 */
record FleetRow(StoreView store, long waiting, long finished24h, long failed24h, List<Alert> alerts) {

    boolean certificateWarning() {
        return store.certificate() != null
                && !"VALID".equals(store.certificate().state());
    }
}
