package io.tahweel.engine.ledger;

/**
 * A hash index from a {@code long} key to a row number, for stores whose rows hold the key
 * themselves (ledger accounts, hosted cards). Add-only: rows are never removed.
 * <p>
 * Why not a map of key → row: the caller reads the row right after the lookup anyway, so the
 * index needs to keep only enough to find it. An entry is one {@code long}: the upper bits of
 * the key's hash with the row number + 1 in the low {@link #ROW_BITS} bits (0 = empty). That
 * is 8 bytes a bucket instead of 16, so the index of a 256K-row store at load ≤ 0.5 is 4 MB
 * instead of 16 and far more of it stays in cache; a probe that matches the tag then confirms
 * the key in the row (see {@link Rows}), which is the row the caller wanted.
 * Linear probing, power-of-two table; not thread-safe; allocation-free.
 */
public final class RowIndex
{
    public static final int MISSING = -1;
    /** Largest number of rows: row + 1 must fit the low bits of an entry. */
    public static final int MAX_ROWS = 1 << 30;

    /**
     * Where the first 64-byte row starts in a store's {@code long[]}: 6 longs (48 bytes) in.
     * A {@code long[]} large enough to matter (more than half a G1 region, or a ZGC large
     * object) starts on a region or page boundary, and its elements 16 bytes after that (the
     * array header with compressed class pointers); 16 + 48 = 64 puts every row on one cache
     * line instead of across two, so reading a card or an account is one miss, not two. When the
     * assumption does not hold (a small array, another collector) rows are simply unaligned, as
     * they were before: the layout is a performance choice, never a correctness one.
     */
    public static final int ROW_BASE = 6;

    private static final int ROW_BITS = 31;
    private static final long ROW_MASK = (1L << ROW_BITS) - 1;
    private static final long TAG_MASK = ~ROW_MASK;

    /** Gives the key stored in a row, to confirm a tag match. */
    public interface Rows
    {
        long keyAt(int row);
    }

    private final long[] buckets;
    private final int mask;
    private final Rows rows;

    /** @param rowCapacity most rows the index will hold; the table is at least twice that. */
    public RowIndex(final int rowCapacity, final Rows rows)
    {
        if (rowCapacity < 1 || rowCapacity > MAX_ROWS)
        {
            throw new IllegalArgumentException("rowCapacity must be in 1.." + MAX_ROWS + ": " + rowCapacity);
        }
        final int size = Integer.highestOneBit(Math.max(2, rowCapacity) * 2 - 1) << 1;
        buckets = new long[size];
        mask = size - 1;
        this.rows = rows;
    }

    /** The row holding {@code key}, or {@link #MISSING}. */
    public int get(final long key)
    {
        final long hash = hash(key);
        final long tag = hash & TAG_MASK;
        int i = (int)(hash >>> ROW_BITS) & mask;
        long entry;
        while ((entry = buckets[i]) != 0)
        {
            if ((entry & TAG_MASK) == tag)
            {
                final int row = (int)(entry & ROW_MASK) - 1;
                if (rows.keyAt(row) == key)
                {
                    return row;
                }
            }
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    /** Indexes a new row; the caller checked that the key is not present and that there is room. */
    public void put(final long key, final int row)
    {
        final long hash = hash(key);
        int i = (int)(hash >>> ROW_BITS) & mask;
        while (buckets[i] != 0)
        {
            i = (i + 1) & mask;
        }
        buckets[i] = (hash & TAG_MASK) | (row + 1L);
    }

    /** A full-avalanche mix (the finalizer of SplitMix64): keys may be sequential or hashes already. */
    private static long hash(final long key)
    {
        long z = key + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
