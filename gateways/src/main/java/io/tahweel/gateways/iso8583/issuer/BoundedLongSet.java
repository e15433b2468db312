package io.tahweel.gateways.iso8583.issuer;

import org.agrona.collections.Long2LongHashMap;

/**
 * A set of longs that remembers at most {@code capacity} of them, forgetting the oldest first:
 * the in-flight table of forwarded requests (by authorization id) and the advices already sent
 * (to mark retries as repeats). Removal out of order leaves a stale ring slot that is skipped when
 * it comes round. Not thread-safe: confined to a link's event loop.
 */
final class BoundedLongSet
{
    private static final long MISSING = Long.MIN_VALUE;

    private final long[] ring;
    private final Long2LongHashMap positions;
    private long head;
    private long tail;
    private long evicted;

    BoundedLongSet(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ring = new long[capacity];
        positions = new Long2LongHashMap(capacity * 2, 0.65f, MISSING);
    }

    /** Adds {@code key}, forgetting the oldest when full; false when it was already there. */
    boolean add(final long key)
    {
        if (positions.get(key) != MISSING)
        {
            return false;
        }
        if (tail - head == ring.length)
        {
            final long oldest = ring[slot(head)];
            if (positions.get(oldest) == head)
            {
                positions.remove(oldest);
                evicted++;
            }
            head++;
        }
        ring[slot(tail)] = key;
        positions.put(key, tail++);
        return true;
    }

    boolean contains(final long key)
    {
        return positions.get(key) != MISSING;
    }

    /** Removes {@code key}; false when it was not there (never added, removed, or forgotten). */
    boolean remove(final long key)
    {
        return positions.remove(key) != MISSING;
    }

    int size()
    {
        return positions.size();
    }

    int capacity()
    {
        return ring.length;
    }

    /** Keys forgotten because the set was full (a silent issuer, or answers never sent). */
    long evicted()
    {
        return evicted;
    }

    void clear()
    {
        positions.clear();
        head = tail;
    }

    private int slot(final long position)
    {
        return (int)(position % ring.length);
    }
}
