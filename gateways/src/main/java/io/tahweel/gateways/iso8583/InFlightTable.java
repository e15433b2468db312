package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;

/**
 * The requests of one connection that were published to the core and are not answered yet:
 * for each, the response already filled with the fields it echoes, waiting for field 39. Not
 * business state (the core has that); just what is needed to answer.
 * <p>
 * Bounded: {@link #put} refuses when full. A correlation id is {@code (sequence << 16) | slot},
 * so a late or repeated outcome for a slot that was reused does not match. Confined to the
 * connection's event loop.
 */
final class InFlightTable
{
    static final int MAX_CAPACITY = 1 << 16;
    static final long NONE = -1;

    private final ISOMsg[] responses;
    private final long[] correlationIds;
    private final int[] free;
    private int freeCount;
    private long sequence;

    InFlightTable(final int capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity must be 1.." + MAX_CAPACITY);
        }
        responses = new ISOMsg[capacity];
        correlationIds = new long[capacity];
        free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /** Keeps {@code response} and returns its correlation id (never 0), or {@link #NONE} when full. */
    long put(final ISOMsg response)
    {
        if (freeCount == 0)
        {
            return NONE;
        }
        final int slot = free[--freeCount];
        final long correlationId = (++sequence << 16) | slot;
        responses[slot] = response;
        correlationIds[slot] = correlationId;
        return correlationId;
    }

    /** Takes the response kept under {@code correlationId}, or null when there is none. */
    ISOMsg remove(final long correlationId)
    {
        final int slot = (int)(correlationId & 0xFFFF);
        if (correlationId <= 0 || slot >= responses.length || correlationIds[slot] != correlationId)
        {
            return null;
        }
        final ISOMsg response = responses[slot];
        responses[slot] = null;
        correlationIds[slot] = 0;
        free[freeCount++] = slot;
        return response;
    }

    int size()
    {
        return responses.length - freeCount;
    }

    int capacity()
    {
        return responses.length;
    }

    void clear()
    {
        for (int slot = 0; slot < responses.length; slot++)
        {
            if (responses[slot] != null)
            {
                remove(correlationIds[slot]);
            }
        }
    }
}
