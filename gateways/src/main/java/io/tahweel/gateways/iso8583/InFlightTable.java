package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The requests of one connection that were published to the core and are not answered yet:
 * for each, the response already filled with the fields it echoes, waiting for field 39, and
 * (authorizations only) the {@link ForwardedFields} a remote issuer would need. Not business
 * state (the core has that); just what is needed to answer or forward.
 * <p>
 * Bounded: {@link #put} refuses when full. A correlation id is {@code (sequence << 16) | slot},
 * so a late or repeated outcome for a slot that was reused does not match. Confined to the
 * connection's event loop, except {@link #takeForwarded} (any thread: the issuer side, on the
 * output thread) and {@link #size} (any thread, for monitoring).
 * <p>
 * Forwarded fields change hands exactly once: {@link #takeForwarded} and {@link #remove} both
 * clear the slot with an atomic swap, so either the issuer side gets them (and wipes them after
 * sending) or they are wiped here when the request is answered, released or its connection closes.
 */
final class InFlightTable
{
    static final int MAX_CAPACITY = 1 << 16;
    static final long NONE = -1;

    private final ISOMsg[] responses;
    private final long[] correlationIds;
    private final AtomicReferenceArray<ForwardedFields> forwarded;
    private final int[] free;
    private volatile int freeCount; // written on the event loop only; volatile for size() from other threads
    private long sequence;

    InFlightTable(final int capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity must be 1.." + MAX_CAPACITY);
        }
        responses = new ISOMsg[capacity];
        correlationIds = new long[capacity];
        forwarded = new AtomicReferenceArray<>(capacity);
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
        return put(response, null);
    }

    /**
     * Keeps {@code response} and {@code fields} (may be null) and returns the correlation id, or
     * {@link #NONE} when full (the caller still owns {@code fields} then).
     */
    long put(final ISOMsg response, final ForwardedFields fields)
    {
        final int count = freeCount;
        if (count == 0)
        {
            return NONE;
        }
        final int slot = free[count - 1];
        final long correlationId = (++sequence << 16) | slot;
        responses[slot] = response;
        correlationIds[slot] = correlationId;
        if (fields != null)
        {
            fields.correlationId = correlationId;
            forwarded.set(slot, fields);
        }
        freeCount = count - 1;
        return correlationId;
    }

    /**
     * Takes the response kept under {@code correlationId}, or null when there is none; wipes the
     * forwarded fields if the issuer side did not take them.
     */
    ISOMsg remove(final long correlationId)
    {
        final int slot = slotOf(correlationId);
        if (slot < 0 || correlationIds[slot] != correlationId)
        {
            return null;
        }
        final ISOMsg response = responses[slot];
        responses[slot] = null;
        correlationIds[slot] = 0;
        final ForwardedFields fields = forwarded.getAndSet(slot, null);
        if (fields != null)
        {
            fields.wipe();
        }
        free[freeCount] = slot;
        freeCount = freeCount + 1;
        return response;
    }

    /** The forwarded fields of {@code correlationId}, now owned by the caller; null if none. Any thread. */
    ForwardedFields takeForwarded(final long correlationId)
    {
        final int slot = slotOf(correlationId);
        if (slot < 0)
        {
            return null;
        }
        final ForwardedFields fields = forwarded.get(slot);
        if (fields == null || fields.correlationId != correlationId || !forwarded.compareAndSet(slot, fields, null))
        {
            return null;
        }
        return fields;
    }

    /** Requests in flight (any thread). */
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

    private int slotOf(final long correlationId)
    {
        final int slot = (int)(correlationId & 0xFFFF);
        return correlationId <= 0 || slot >= responses.length ? -1 : slot;
    }
}
