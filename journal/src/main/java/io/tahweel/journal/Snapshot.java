package io.tahweel.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A verified snapshot of the core's state as of a journal sequence: recovery loads it and replays
 * the journal from {@code sequence() + 1}.
 */
public final class Snapshot
{
    private final long sequence;
    private final long timestampNanos;
    private final UnsafeBuffer payload;

    Snapshot(final long sequence, final long timestampNanos, final byte[] payload)
    {
        this.sequence = sequence;
        this.timestampNanos = timestampNanos;
        this.payload = new UnsafeBuffer(payload);
    }

    /**
     * @return the sequence of the last journal entry reflected in the payload.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return the journal timestamp of that entry, in nanoseconds since the epoch.
     */
    public long timestampNanos()
    {
        return timestampNanos;
    }

    /**
     * @return the state bytes, from offset 0 for {@link #payloadLength()} bytes. Read-only by contract.
     */
    public DirectBuffer payload()
    {
        return payload;
    }

    /**
     * @return length of the payload in bytes.
     */
    public int payloadLength()
    {
        return payload.capacity();
    }
}
