package io.tahweel.gateways.iso8583;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The open acquirer connections by connection id, for the output thread to find where an
 * answer goes. A lookup is one array read (no map, no lock); registering takes a lock, but that
 * happens once per TCP connection.
 * <p>
 * Connection id layout (non-zero, as the entry header needs):
 * <pre>
 *   bit 63   0
 *   56..62   0x41 ('A'): an acquirer connection of this gateway; other gateways and issuer links use other tags
 *   12..55   generation: counts connections from the gateway's start time in ms, so ids differ across restarts
 *    0..11   slot in this table
 * </pre>
 */
final class AcquirerConnections
{
    static final long TAG = 0x41L << 56;
    static final long TAG_MASK = 0x7FL << 56;
    static final int SLOT_BITS = 12;
    private static final long GENERATION_MASK = (1L << 44) - 1;

    private final AtomicReferenceArray<AcquirerSession> sessions;
    private final long[] ids;
    private long generation;
    private int count;

    AcquirerConnections(final int capacity, final long startGeneration)
    {
        if (capacity < 1 || capacity > 1 << SLOT_BITS)
        {
            throw new IllegalArgumentException("capacity must be 1.." + (1 << SLOT_BITS));
        }
        sessions = new AtomicReferenceArray<>(capacity);
        ids = new long[capacity];
        generation = startGeneration;
    }

    /** True when {@code connectionId} was made by this class: the answer is an acquirer's, found or not. */
    static boolean isAcquirerConnection(final long connectionId)
    {
        return (connectionId & TAG_MASK) == TAG;
    }

    /** Registers a session and returns its id, or 0 when the table is full. */
    synchronized long register(final AcquirerSession session)
    {
        for (int slot = 0; slot < ids.length; slot++)
        {
            if (ids[slot] == 0)
            {
                generation = (generation + 1) & GENERATION_MASK;
                final long id = TAG | (generation << SLOT_BITS) | slot;
                ids[slot] = id;
                session.connectionId(id);
                sessions.set(slot, session);
                count++;
                return id;
            }
        }
        return 0;
    }

    synchronized void unregister(final long connectionId)
    {
        final int slot = (int)(connectionId & ((1 << SLOT_BITS) - 1));
        if (connectionId != 0 && slot < ids.length && ids[slot] == connectionId)
        {
            ids[slot] = 0;
            sessions.set(slot, null);
            count--;
        }
    }

    /** The session with this id, or null when it closed (or the id is not one of ours). Any thread. */
    AcquirerSession get(final long connectionId)
    {
        if (!isAcquirerConnection(connectionId))
        {
            return null;
        }
        final int slot = (int)(connectionId & ((1 << SLOT_BITS) - 1));
        if (slot >= ids.length)
        {
            return null;
        }
        final AcquirerSession session = sessions.get(slot);
        return session != null && session.connectionId() == connectionId ? session : null;
    }

    synchronized int count()
    {
        return count;
    }

    /** Open sessions, for closing them all at stop. */
    synchronized AcquirerSession[] snapshot()
    {
        final AcquirerSession[] open = new AcquirerSession[count];
        int n = 0;
        for (int slot = 0; slot < ids.length; slot++)
        {
            final AcquirerSession session = sessions.get(slot);
            if (session != null)
            {
                open[n++] = session;
            }
        }
        return open;
    }
}
