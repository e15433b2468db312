package io.tahweel.gateways.iso8583;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The requests of one connection that were published to the core and are not answered yet:
 * for each, the {@link ResponseTemplate} already filled with the fields it echoes, waiting for
 * field 39, and (authorizations only) the {@link ForwardedFields} a remote issuer would need. Not
 * business state (the core has that); just what is needed to answer or forward.
 * <p>
 * Bounded: {@link #put} refuses when full. A correlation id is {@code (sequence << 16) | slot},
 * so a late or repeated outcome for a slot that was reused does not match. Confined to the
 * connection's event loop, except {@link #takeForwarded} (any thread: the issuer side, on the
 * output thread) and {@link #size} (any thread, for monitoring).
 * <p>
 * No allocation in steady state: each slot's template and forwarded fields are created on the
 * slot's first use and reused after. Free slots are a stack, so a connection with few requests in
 * flight touches (and allocates for) only a few slots, however large its limit.
 * <p>
 * Forwarded fields change hands exactly once: {@link #takeForwarded} and {@link #remove} both
 * claim them with an atomic swap of the correlation id they are offered under, so either the
 * issuer side gets them (and wipes them after sending; that copy is then the issuer side's and the
 * slot makes itself a new one) or they are wiped here when the request is answered, released or
 * its connection closes.
 */
final class InFlightTable
{
    static final int MAX_CAPACITY = 1 << 16;
    static final long NONE = -1;

    private final ResponseTemplate[] responses;
    private final ForwardedFields[] spares;
    private final boolean[] offered;
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
        responses = new ResponseTemplate[capacity];
        spares = new ForwardedFields[capacity];
        offered = new boolean[capacity];
        correlationIds = new long[capacity];
        forwarded = new AtomicReferenceArray<>(capacity);
        free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /** Takes a slot and returns its correlation id (never 0), or {@link #NONE} when full. */
    long put()
    {
        final int count = freeCount;
        if (count == 0)
        {
            return NONE;
        }
        final int slot = free[count - 1];
        final long correlationId = (++sequence << 16) | slot;
        correlationIds[slot] = correlationId;
        if (responses[slot] == null)
        {
            responses[slot] = new ResponseTemplate();
        }
        freeCount = count - 1;
        return correlationId;
    }

    /** The template of a request in flight, to fill after {@link #put}; null when not in flight. */
    ResponseTemplate response(final long correlationId)
    {
        final int slot = slotOf(correlationId);
        return slot < 0 || correlationIds[slot] != correlationId ? null : responses[slot];
    }

    /**
     * Keeps the forwarded fields of {@code request} for the request in flight under
     * {@code correlationId}; false when it has none of them (nothing kept).
     */
    boolean keepForwarded(final long correlationId, final Iso8583Fields request)
    {
        final int slot = slotOf(correlationId);
        if (slot < 0 || correlationIds[slot] != correlationId)
        {
            return false;
        }
        ForwardedFields fields = spares[slot];
        if (fields == null)
        {
            fields = new ForwardedFields();
            spares[slot] = fields;
        }
        if (!fields.capture(request))
        {
            return false;
        }
        offered[slot] = true;
        forwarded.set(slot, fields);
        fields.offer(correlationId);
        return true;
    }

    /**
     * Frees the slot of {@code correlationId} and returns its template, valid until the next
     * {@link #put}; null when there is none. Wipes the forwarded fields if the issuer side did not
     * take them.
     */
    ResponseTemplate remove(final long correlationId)
    {
        final int slot = slotOf(correlationId);
        if (slot < 0 || correlationIds[slot] != correlationId)
        {
            return null;
        }
        correlationIds[slot] = 0;
        if (offered[slot])
        {
            offered[slot] = false;
            final ForwardedFields fields = spares[slot];
            if (fields.claim(correlationId))
            {
                fields.wipe();
            }
            else
            {
                spares[slot] = null; // taken: the issuer side owns that copy now
                forwarded.set(slot, null);
            }
        }
        free[freeCount] = slot;
        freeCount = freeCount + 1;
        return responses[slot];
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
        return fields != null && fields.claim(correlationId) ? fields : null;
    }

    /** The forwarded fields kept for a request in flight, without taking them; null if none. Tests only. */
    ForwardedFields peekForwarded(final long correlationId)
    {
        final int slot = slotOf(correlationId);
        return slot < 0 || correlationIds[slot] != correlationId || !offered[slot] ? null : spares[slot];
    }

    /** Requests in flight (any thread). */
    int size()
    {
        return correlationIds.length - freeCount;
    }

    int capacity()
    {
        return correlationIds.length;
    }

    void clear()
    {
        for (int slot = 0; slot < correlationIds.length; slot++)
        {
            if (correlationIds[slot] != 0)
            {
                remove(correlationIds[slot]);
            }
        }
    }

    private int slotOf(final long correlationId)
    {
        final int slot = (int)(correlationId & 0xFFFF);
        return correlationId <= 0 || slot >= correlationIds.length ? -1 : slot;
    }
}
