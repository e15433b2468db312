package io.tahweel.journal.replication;

/**
 * Told on the publisher's thread each time a standby's journaled position advances, so a sync-mode
 * gate can release the responses waiting on it without polling.
 */
@FunctionalInterface
public interface AckListener
{
    /** Ignores acks; for async replication. */
    AckListener NO_OP = sequence -> {};

    /**
     * @param journaledSequence every entry up to and including it is in the standby's journal. Never
     *                          smaller than the previous call's.
     */
    void onAck(long journaledSequence);
}
