package io.tahweel.engine.ledger;

/**
 * Pre-sized binary min-heap of (expiry time, transfer id, token) entries, ordered by expiry
 * time and then by transfer id, so equal expiry times release in a deterministic order. The
 * token is opaque to the heap; the owner uses it to recognise the one entry that belongs to a
 * live hold (an id can be reused once it leaves the ledger's idempotency window).
 * <p>
 * Deletion is lazy: a hold that is posted or voided before it expires stays in the heap and
 * the owner skips it when it reaches the top. To keep the heap bounded the owner calls
 * {@link #retainLive(Liveness)} when it is full, which drops the stale entries in one pass.
 * Nothing here allocates after construction.
 */
final class ExpiryQueue
{
    /** Tells whether an entry still names a live hold; implemented once by the owner. */
    interface Liveness
    {
        boolean isLive(long expiresAt, long transferId, long token);
    }

    private final long[] expiresAt;
    private final long[] transferIds;
    private final long[] tokens;
    private int size;

    ExpiryQueue(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        expiresAt = new long[capacity];
        transferIds = new long[capacity];
        tokens = new long[capacity];
    }

    int capacity()
    {
        return expiresAt.length;
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    boolean isFull()
    {
        return size == expiresAt.length;
    }

    void clear()
    {
        size = 0;
    }

    /** Adds an entry; returns false, changing nothing, when the heap is full. */
    boolean offer(final long expiry, final long transferId, final long token)
    {
        if (size == expiresAt.length)
        {
            return false;
        }
        siftUp(size, expiry, transferId, token);
        size++;
        return true;
    }

    /** Expiry time of the smallest entry; only valid when not empty. */
    long peekExpiresAt()
    {
        return expiresAt[0];
    }

    /** Transfer id of the smallest entry; only valid when not empty. */
    long peekTransferId()
    {
        return transferIds[0];
    }

    /** Token of the smallest entry; only valid when not empty. */
    long peekToken()
    {
        return tokens[0];
    }

    /** Removes the smallest entry; only valid when not empty. */
    void poll()
    {
        size--;
        if (size > 0)
        {
            siftDown(0, expiresAt[size], transferIds[size], tokens[size]);
        }
    }

    /** Drops every entry the liveness test rejects and restores the heap order; returns how many were dropped. */
    int retainLive(final Liveness liveness)
    {
        int kept = 0;
        for (int i = 0; i < size; i++)
        {
            if (liveness.isLive(expiresAt[i], transferIds[i], tokens[i]))
            {
                expiresAt[kept] = expiresAt[i];
                transferIds[kept] = transferIds[i];
                tokens[kept] = tokens[i];
                kept++;
            }
        }
        final int dropped = size - kept;
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--)
        {
            siftDown(i, expiresAt[i], transferIds[i], tokens[i]);
        }
        return dropped;
    }

    private static boolean less(final long expiryA, final long idA, final long expiryB, final long idB)
    {
        return expiryA < expiryB || (expiryA == expiryB && idA < idB);
    }

    private void siftUp(final int start, final long expiry, final long transferId, final long token)
    {
        int index = start;
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            if (!less(expiry, transferId, expiresAt[parent], transferIds[parent]))
            {
                break;
            }
            expiresAt[index] = expiresAt[parent];
            transferIds[index] = transferIds[parent];
            tokens[index] = tokens[parent];
            index = parent;
        }
        expiresAt[index] = expiry;
        transferIds[index] = transferId;
        tokens[index] = token;
    }

    private void siftDown(final int start, final long expiry, final long transferId, final long token)
    {
        int index = start;
        final int half = size >>> 1;
        while (index < half)
        {
            int child = (index << 1) + 1;
            final int right = child + 1;
            if (right < size && less(expiresAt[right], transferIds[right], expiresAt[child], transferIds[child]))
            {
                child = right;
            }
            if (!less(expiresAt[child], transferIds[child], expiry, transferId))
            {
                break;
            }
            expiresAt[index] = expiresAt[child];
            transferIds[index] = transferIds[child];
            tokens[index] = tokens[child];
            index = child;
        }
        expiresAt[index] = expiry;
        transferIds[index] = transferId;
        tokens[index] = token;
    }
}
