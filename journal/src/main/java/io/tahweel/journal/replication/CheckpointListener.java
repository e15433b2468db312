package io.tahweel.journal.replication;

import org.agrona.DirectBuffer;

/**
 * Receives the primary's state checkpoints on the follower's thread. The digest is opaque to the
 * journal (the engine's state hash); the listener compares it with its own at the same sequence.
 */
@FunctionalInterface
public interface CheckpointListener
{
    /** Ignores checkpoints; for a standby that runs no core. */
    CheckpointListener NO_OP = (epoch, sequence, digest, offset) -> {};

    /**
     * @param epoch    of the primary that sent it.
     * @param sequence the primary's state was hashed after applying this entry.
     * @param digest   holds {@link ReplicationFrames#DIGEST_LENGTH} bytes at {@code offset}; valid only during the call.
     * @param offset   of the digest.
     */
    void onCheckpoint(int epoch, long sequence, DirectBuffer digest, int offset);
}
