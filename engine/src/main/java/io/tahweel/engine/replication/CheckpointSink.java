package io.tahweel.engine.replication;

import org.agrona.DirectBuffer;

/**
 * Where a {@link PrimaryCheckpointer} hands each (sequence, state hash): the primary's replication publisher, which
 * sends it to the standby; a bench or test can take it instead.
 */
@FunctionalInterface
public interface CheckpointSink
{
    /**
     * Called on the checkpointer's hashing thread; must not block.
     *
     * @param sequence the state was hashed after applying this entry.
     * @param digest   the state hash's 32 bytes at {@code offset}.
     * @return false if the checkpoint was refused (a full queue); it is counted, not retried.
     */
    boolean offerCheckpoint(long sequence, DirectBuffer digest, int offset);
}
