package io.tahweel.engine.routing;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import org.agrona.collections.Long2LongHashMap;

import java.nio.charset.StandardCharsets;

/**
 * Longest-prefix BIN routing over 6..11-digit prefixes.
 * <p>
 * The core never sees a card's leading digits beyond the BIN: the gateway sends keyed hashes of
 * the PAN's first 6..11 digits, and each route carries the keyed hash of its own prefix, so a
 * lookup is at most six probes of one primitive map per prefix length, longest first. Nested
 * prefixes are allowed by design (a longer prefix carves a range out of a shorter one); the same
 * prefix twice is an overlap and is rejected.
 */
public final class BinRouteTable
{
    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 11;
    public static final int NO_ROUTE = 0;
    private static final int LENGTHS = MAX_DIGITS - MIN_DIGITS + 1;
    private static final int SNAPSHOT_MARKER = 0x524F5554; // "ROUT"
    private static final long MISSING = -1L;

    private final int capacity;
    private final Long2LongHashMap[] routeByHash = new Long2LongHashMap[LENGTHS];
    private final int[] issuerIds;
    private final byte[] digitCounts;
    private final long[] prefixHashes;
    private final String[] prefixes;
    private int lengthMask;
    private int count;

    public BinRouteTable(final int capacity)
    {
        this.capacity = capacity;
        for (int i = 0; i < LENGTHS; i++)
        {
            routeByHash[i] = new Long2LongHashMap(16, 0.65f, MISSING);
        }
        issuerIds = new int[capacity];
        digitCounts = new byte[capacity];
        prefixHashes = new long[capacity];
        prefixes = new String[capacity];
    }

    public boolean isFull()
    {
        return count == capacity;
    }

    /** True when {@code prefix} holds exactly {@code digitCount} ASCII digits, 6..11. */
    public static boolean isWellFormed(final String prefix, final int digitCount)
    {
        if (digitCount < MIN_DIGITS || digitCount > MAX_DIGITS || prefix.length() != digitCount)
        {
            return false;
        }
        for (int i = 0; i < digitCount; i++)
        {
            final char c = prefix.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    public boolean contains(final int digitCount, final long prefixHash)
    {
        return routeByHash[digitCount - MIN_DIGITS].get(prefixHash) != MISSING;
    }

    /** Admin path: caller checked {@link #isWellFormed}, {@link #contains} and capacity. */
    public void add(final int digitCount, final long prefixHash, final String prefix, final int issuerId)
    {
        final int index = count++;
        issuerIds[index] = issuerId;
        digitCounts[index] = (byte)digitCount;
        prefixHashes[index] = prefixHash;
        prefixes[index] = prefix;
        routeByHash[digitCount - MIN_DIGITS].put(prefixHash, index);
        lengthMask |= 1 << (digitCount - MIN_DIGITS);
    }

    /**
     * The issuer for the longest prefix that matches, or {@link #NO_ROUTE}.
     *
     * @param hashes keyed hashes of the card's first 6..11 digits, index 0 = 6 digits.
     * @param hashCount how many of them are present (a short PAN has fewer prefixes).
     */
    public int route(final long[] hashes, final int hashCount)
    {
        for (int i = Math.min(hashCount, LENGTHS) - 1; i >= 0; i--)
        {
            if ((lengthMask & (1 << i)) != 0)
            {
                final long index = routeByHash[i].get(hashes[i]);
                if (index != MISSING)
                {
                    return issuerIds[(int)index];
                }
            }
        }
        return NO_ROUTE;
    }

    public int count()
    {
        return count;
    }

    public String prefixAt(final int index)
    {
        return prefixes[index];
    }

    public int issuerAt(final int index)
    {
        return issuerIds[index];
    }

    /** Most bytes {@link #writeSnapshot} writes: {@code capacity} routes of {@link #MAX_DIGITS} digits. */
    public static long maxSnapshotLength(final int capacity)
    {
        // issuer, digit count, prefix hash, prefix length and digits.
        final long route = Integer.BYTES + Byte.BYTES + Long.BYTES + Integer.BYTES + MAX_DIGITS;
        return Integer.BYTES * 2 + capacity * route;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(count);
        for (int i = 0; i < count; i++)
        {
            final byte[] prefix = prefixes[i].getBytes(StandardCharsets.US_ASCII);
            writer.putInt(issuerIds[i]).putByte(digitCounts[i]).putLong(prefixHashes[i]).putBytes(prefix, 0, prefix.length);
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int n = reader.getInt();
        for (int i = 0; i < n; i++)
        {
            final int issuer = reader.getInt();
            final int digits = reader.getByte();
            final long hash = reader.getLong();
            add(digits, hash, new String(reader.getBytes(), StandardCharsets.US_ASCII), issuer);
        }
    }
}
