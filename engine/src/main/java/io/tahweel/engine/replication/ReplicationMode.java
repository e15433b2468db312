package io.tahweel.engine.replication;

/**
 * How a primary's answers depend on its standby.
 */
public enum ReplicationMode
{
    /** No standby: an answer leaves once the entry is in the primary's journal. Demos and tests. */
    SOLO,
    /** Entries are shipped to a standby, but answers do not wait for it: a failover may lose the last few. */
    ASYNC,
    /**
     * An answer leaves only after a standby has journaled its entry (recovery point zero). With no
     * standby alive, new work is declined (ISO 8583 91) until one returns or an operator switches to SOLO.
     */
    SYNC
}
