package io.tahweel.gateways.admin;

/**
 * What the admin interface needs from the node's live views (built in replay/, which gateways
 * does not depend on; the command line wires them in). Read from the admin thread: every method
 * must be safe to call while the node's output stage updates the views.
 */
public interface SettlementReports
{
    /** Sequence of the last entry the node has answered. */
    long lastSequence();

    /** The settlement window open now, 0 when none is. */
    long openWindowId();

    /** The closed window's positions as a JSON object, or null if the views have not seen it close. */
    String closedWindowJson(long windowId);
}
