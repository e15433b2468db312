package io.tahweel.engine.card;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The idempotency key of a card message: acquirer id + STAN + transmission date/time + RRN.
 * A reusable flyweight-style holder, filled from decoders without allocation.
 */
public final class MessageKey
{
    int acquirerId;
    int stan;
    long transmissionDateTime;
    long rrnHigh;
    int rrnLow;

    /** Fills the key; the 12-byte RRN is read from {@code buffer} at {@code rrnOffset}. */
    public MessageKey set(
        final int acquirerId, final int stan, final long transmissionDateTime, final DirectBuffer buffer, final int rrnOffset)
    {
        this.acquirerId = acquirerId;
        this.stan = stan;
        this.transmissionDateTime = transmissionDateTime;
        this.rrnHigh = buffer.getLong(rrnOffset, ByteOrder.LITTLE_ENDIAN);
        this.rrnLow = buffer.getInt(rrnOffset + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
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
        return this;
    }

    long hash()
    {
        return hash(acquirerId, stan, transmissionDateTime, rrnHigh, rrnLow);
    }

    /** The hash of a key given by its fields: the book recomputes it from a record's row on eviction. */
    static long hash(final int acquirerId, final int stan, final long transmissionDateTime, final long rrnHigh,
        final int rrnLow)
    {
        long h = mix(acquirerId * 0x9E3779B97F4A7C15L ^ stan);
        h = mix(h ^ transmissionDateTime);
        h = mix(h ^ rrnHigh);
        return mix(h ^ rrnLow);
    }

    private static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
