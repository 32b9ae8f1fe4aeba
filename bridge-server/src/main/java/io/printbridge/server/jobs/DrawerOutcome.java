package io.printbridge.server.jobs;

import org.jspecify.annotations.Nullable;

/**
 * What became of the cash drawer a print asked to open after it ({@code "openDrawer": true}).
 * The pulse is its own action with its own deadline, the drawer's time to live counted from the
 * job's creation: a receipt may still print hours later, its drawer never opens late.
 */
public enum DrawerOutcome {
    /** The pulse went to the printer within the drawer's time to live. */
    OPENED,
    /** The receipt printed after the drawer's time to live: the drawer stayed shut. */
    EXPIRED,
    /** The printer has no cash drawer configured on the agent: no pulse. */
    NO_DRAWER,
    /** The receipt did not print (failed, expired or never delivered): no pulse. */
    NOT_OPENED,
    /** The receipt printed but the pulse could not be sent to the printer. */
    FAILED,
    /**
     * Whether the drawer opened is unknown: the agent stopped mid-job or never reported, or the
     * printer stopped as the pulse reached it.
     */
    UNKNOWN,
    /** The store's agent is too old to open the drawer after a receipt: update it. */
    UNSUPPORTED;

    /**
     * The drawer's fate as the API, events and webhooks word it: the outcome's name, PENDING
     * until it is known, null for a job that did not ask for the drawer.
     */
    public static @Nullable String wireName(Job job) {
        if (job.drawerDeadline() == null) {
            return null;
        }
        return job.drawer() == null ? "PENDING" : job.drawer().name();
    }

    /** The contract's outcome, or null when the agent reported none. */
    static @Nullable DrawerOutcome of(io.printbridge.proto.v1.DrawerOutcome reported) {
        return switch (reported) {
            case DRAWER_OUTCOME_OPENED -> OPENED;
            case DRAWER_OUTCOME_EXPIRED -> EXPIRED;
            case DRAWER_OUTCOME_NO_DRAWER -> NO_DRAWER;
            case DRAWER_OUTCOME_NOT_OPENED -> NOT_OPENED;
            case DRAWER_OUTCOME_FAILED -> FAILED;
            case DRAWER_OUTCOME_UNKNOWN, UNRECOGNIZED -> UNKNOWN;
            case DRAWER_OUTCOME_UNSPECIFIED -> null;
        };
    }

    /** How the job's history tells it. */
    String describe() {
        return switch (this) {
            case OPENED -> "drawer opened";
            case EXPIRED -> "drawer not opened: the receipt printed after the drawer's time to live";
            case NO_DRAWER -> "drawer not opened: the printer has no cash drawer";
            case NOT_OPENED -> "drawer not opened";
            case FAILED -> "drawer not opened: the pulse could not be sent to the printer";
            case UNKNOWN -> "whether the drawer opened is unknown";
            case UNSUPPORTED ->
                "drawer not opened: the store's agent is too old to open it after a receipt (update the agent)";
        };
    }
}
