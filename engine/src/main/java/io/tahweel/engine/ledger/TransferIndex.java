package io.tahweel.engine.ledger;

import org.agrona.collections.Long2LongHashMap;

/**
 * Transfer id → ring slot for the ledger's transfer ring, built for the ids the core derives.
 * <p>
 * Why not one hash map: the core's transfer ids ({@code TransferIds.derived}) grow with the
 * journal sequence, so almost every new transfer has the largest id so far. A hash map puts
 * each new id and each evicted id at a random place in a table larger than the caches (two
 * cache misses per transfer at a 512K window, plus a lookup miss to prove the id is new).
 * Here an id larger than every id stored before goes to an <em>ascending run</em> instead: a
 * ring of (id, slot) in creation order, sorted by construction, appended and evicted at its
 * ends (sequential memory), searched backwards from the newest entry (a completion names
 * the hold of a few entries ago) and answering "not here" for a new largest id without
 * touching memory. Any other id (participant-chosen ids below an earlier one) goes to a hash
 * map as before, so any mix of ids stays correct; only the speed differs.
 * <pre>
 *   ascending run (ring, oldest .. newest):  ids  [ 7 | 9 | 2^62+.. | 2^62+.. | ... ]  strictly increasing
 *                                            slots[ s | s |   s     |   s     | ... ]
 *   hash map:                                 every other id → slot
 * </pre>
 * Ids leave in the order they arrived (the ring evicts its oldest transfer), so an id in the
 * ascending run always leaves from its oldest end. Not thread-safe; allocation-free.
 */
final class TransferIndex
{
    static final int MISSING = -1;

    private final int capacity;
    private final long[] runIds;
    private final int[] runSlots;
    private final Long2LongHashMap others;
    private int runHead;
    private int runSize;
    private long maxId = Long.MIN_VALUE;
    private boolean empty = true;

    /**
     * @param capacity    most ids held at once (the ring's capacity).
     * @param mapCapacity initial capacity of the hash map for the other ids, sized never to resize.
     */
    TransferIndex(final int capacity, final int mapCapacity, final float loadFactor)
    {
        this.capacity = capacity;
        runIds = new long[capacity];
        runSlots = new int[capacity];
        others = new Long2LongHashMap(mapCapacity, loadFactor, MISSING);
    }

    /** The slot of {@code id}, or {@link #MISSING}. */
    int get(final long id)
    {
        if (empty || id > maxId)
        {
            return MISSING;
        }
        if (runSize > 0 && id >= runIds[runHead])
        {
            final int slot = searchRun(id);
            if (slot != MISSING)
            {
                return slot;
            }
        }
        return others.isEmpty() ? MISSING : (int)others.get(id);
    }

    /** Adds an id that is not present; the caller checked with {@link #get}. */
    void put(final long id, final int slot)
    {
        if (empty || id > maxId)
        {
            final int at = runSlot(runSize);
            runIds[at] = id;
            runSlots[at] = slot;
            runSize++;
            maxId = id;
            empty = false;
        }
        else
        {
            others.put(id, slot);
        }
    }

    /** Removes the oldest id still held, which the caller names (the ring's evicted transfer). */
    void removeOldest(final long id)
    {
        if (runSize > 0 && runIds[runHead] == id)
        {
            runHead = runHead + 1 == capacity ? 0 : runHead + 1;
            runSize--;
        }
        else
        {
            others.remove(id);
        }
    }

    /**
     * Searches the ascending run from its newest end: gallops back (1, 2, 4, ... entries) to
     * the first id not above {@code id}, then bisects that stretch. Recent ids cost a probe or two.
     */
    private int searchRun(final long id)
    {
        int high = runSize - 1; // run index, 0 = oldest
        int step = 1;
        int low = high;
        while (low > 0 && runIds[runSlot(low)] > id)
        {
            high = low - 1;
            low = Math.max(0, low - step);
            step <<= 1;
        }
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midId = runIds[runSlot(mid)];
            if (midId < id)
            {
                low = mid + 1;
            }
            else if (midId > id)
            {
                high = mid - 1;
            }
            else
            {
                return runSlots[runSlot(mid)];
            }
        }
        return MISSING;
    }

    private int runSlot(final int index)
    {
        final int at = runHead + index;
        return at >= capacity ? at - capacity : at;
    }
}
