package io.tahweel.engine.replication;

import java.util.HexFormat;

import io.tahweel.engine.core.StateHash;
import io.tahweel.journal.replication.ReplicationFrames;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * When state checkpoints are taken, and how a {@link StateHash} travels in a CHECKPOINT frame.
 * Primary and standby hash after the same sequences, so their hashes can be compared without
 * either waiting for the other.
 */
public final class Checkpoints
{
    /**
     * Entries between checkpoints by default: about every 100 s at 10k TPS. A state hash serialises the
     * whole core on the core's thread (about 110 ms with a full authorization book at production sizes,
     * measured in bench/RESULTS.md), so it is kept rare; both nodes must use the same interval.
     */
    public static final long DEFAULT_INTERVAL = 1_000_000;

    private Checkpoints()
    {
    }

    /**
     * @param interval entries between checkpoints; 0 or less turns them off.
     * @return true if the state is hashed after applying {@code sequence}.
     */
    public static boolean isDue(final long sequence, final long interval)
    {
        return interval > 0 && sequence > 0 && sequence % interval == 0;
    }

    /**
     * Write the hash's 32 bytes at {@code offset}.
     */
    public static void putDigest(final StateHash hash, final MutableDirectBuffer buffer, final int offset)
    {
        final byte[] digest = HexFormat.of().parseHex(hash.hex());
        if (digest.length != ReplicationFrames.DIGEST_LENGTH)
        {
            throw new IllegalArgumentException("state hash of " + digest.length + " bytes: " + hash);
        }
        buffer.putBytes(offset, digest);
    }

    /**
     * @return the hex form of the 32-byte digest at {@code offset}, as {@link StateHash#hex()} writes it.
     */
    public static String hexOf(final DirectBuffer buffer, final int offset)
    {
        final byte[] digest = new byte[ReplicationFrames.DIGEST_LENGTH];
        buffer.getBytes(offset, digest);
        return HexFormat.of().formatHex(digest);
    }
}
