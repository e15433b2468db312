package io.tahweel.engine.card;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The idempotency key of a card message: acquirer id + STAN + transmission date/time + RRN.
 * A reusable flyweight-style holder, filled from decoders without allocation. The key's hash
 * is computed once when it is set: the book needs it for the lookup and again for the insert.
 */
public final class MessageKey
{
    int acquirerId;
    int stan;
    long transmissionDateTime;
    long rrnHigh;
    int rrnLow;
    private long hash;

    /** Fills the key; the 12-byte RRN is read from {@code buffer} at {@code rrnOffset}. */
    public MessageKey set(
        final int acquirerId, final int stan, final long transmissionDateTime, final DirectBuffer buffer, final int rrnOffset)
    {
        this.acquirerId = acquirerId;
        this.stan = stan;
        this.transmissionDateTime = transmissionDateTime;
        this.rrnHigh = buffer.getLong(rrnOffset, ByteOrder.LITTLE_ENDIAN);
        this.rrnLow = buffer.getInt(rrnOffset + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        this.hash = hash(acquirerId, stan, transmissionDateTime, rrnHigh, rrnLow);
        return this;
    }

    /** Fills the key with an RRN given as two parts (snapshot restore, tests). */
    public MessageKey set(
        final int acquirerId, final int stan, final long transmissionDateTime, final long rrnHigh, final int rrnLow)
    {
        this.acquirerId = acquirerId;
        this.stan = stan;
        this.transmissionDateTime = transmissionDateTime;
        this.rrnHigh = rrnHigh;
        this.rrnLow = rrnLow;
        this.hash = hash(acquirerId, stan, transmissionDateTime, rrnHigh, rrnLow);
        return this;
    }

    long hash()
    {
        return hash;
    }

    /**
     * The hash of a key given by its fields: the book recomputes it from a record's row on eviction.
     * Each field is multiplied by its own odd constant (the four products are independent, so the
     * CPU computes them side by side), combined, then mixed once for full avalanche: one chain of
     * dependent multiplies instead of four. Only the book's in-memory index uses it; nothing
     * journaled or snapshotted depends on its value.
     */
    static long hash(final int acquirerId, final int stan, final long transmissionDateTime, final long rrnHigh,
        final int rrnLow)
    {
        final long acquirerStan = ((long)acquirerId << 32) | (stan & 0xFFFF_FFFFL);
        return mix(acquirerStan * 0x9E3779B97F4A7C15L ^ transmissionDateTime * 0xC2B2AE3D27D4EB4FL ^
            rrnHigh * 0x165667B19E3779F9L ^ (rrnLow & 0xFFFF_FFFFL) * 0xD6E8FEB86659FD93L);
    }

    private static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
