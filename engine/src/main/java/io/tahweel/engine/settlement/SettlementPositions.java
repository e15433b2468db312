package io.tahweel.engine.settlement;

import io.tahweel.engine.currency.Currencies;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import org.agrona.collections.Long2LongHashMap;

/**
 * Multilateral positions of the open settlement window, per participant and currency, built as
 * card transactions clear. Creation order, struct of arrays.
 * <p>
 * For a cleared purchase of X between issuer I and acquirer A: I is debited X, A credited X;
 * A pays interchange to I; A and I each pay their switch fee, collected per currency. A refund
 * of R debits A and credits I, with no fees. A participant's net position is
 * {@code credits - debits + feesReceived - feesPaid}; per currency, the nets of all
 * participants plus the fees collected sum to zero.
 */
public final class SettlementPositions
{
    private static final int SNAPSHOT_MARKER = 0x504F5354; // "POST"
    private static final long MISSING = -1;

    private final int capacity;
    private final Long2LongHashMap indexByKey;
    private final int[] participants;
    private final short[] currencies;
    private final long[] debits;
    private final long[] credits;
    private final long[] feesPaid;
    private final long[] feesReceived;
    private final long[] counts;
    private final long[] feesCollected = new long[Currencies.MAX_CODE + 1];
    private int size;

    public SettlementPositions(final int capacity)
    {
        this.capacity = capacity;
        indexByKey = new Long2LongHashMap(capacity * 2, 0.65f, MISSING);
        participants = new int[capacity];
        currencies = new short[capacity];
        debits = new long[capacity];
        credits = new long[capacity];
        feesPaid = new long[capacity];
        feesReceived = new long[capacity];
        counts = new long[capacity];
    }

    /** True when both participants have (or can get) a position in this currency. */
    public boolean hasRoomFor(final int first, final int second, final int currency)
    {
        if (size + 2 <= capacity)
        {
            return true; // room for both even if neither has a position yet: no lookups on the hot path
        }
        final int missing = (indexByKey.get(key(first, currency)) == MISSING ? 1 : 0) +
            (first != second && indexByKey.get(key(second, currency)) == MISSING ? 1 : 0);
        return size + missing <= capacity;
    }

    /** Records a cleared purchase; the caller checked {@link #hasRoomFor}. */
    public void purchase(final int issuer, final int acquirer, final int currency, final long amount,
        final long interchange, final long acquirerFee, final long issuerFee)
    {
        final int i = position(issuer, currency);
        debits[i] += amount;
        feesReceived[i] += interchange;
        feesPaid[i] += issuerFee;
        counts[i]++;
        final int a = position(acquirer, currency);
        credits[a] += amount;
        feesPaid[a] += interchange + acquirerFee;
        counts[a]++;
        feesCollected[currency] += acquirerFee + issuerFee;
    }

    /** Records a cleared refund (reversal after completion); the caller checked {@link #hasRoomFor}. */
    public void refund(final int issuer, final int acquirer, final int currency, final long amount)
    {
        final int i = position(issuer, currency);
        credits[i] += amount;
        counts[i]++;
        final int a = position(acquirer, currency);
        debits[a] += amount;
        counts[a]++;
    }

    public int size()
    {
        return size;
    }

    public int participantAt(final int index)
    {
        return participants[index];
    }

    public int currencyAt(final int index)
    {
        return currencies[index];
    }

    public long netAt(final int index)
    {
        return credits[index] - debits[index] + feesReceived[index] - feesPaid[index];
    }

    public long debitsAt(final int index)
    {
        return debits[index];
    }

    public long creditsAt(final int index)
    {
        return credits[index];
    }

    public long feesPaidAt(final int index)
    {
        return feesPaid[index];
    }

    public long feesReceivedAt(final int index)
    {
        return feesReceived[index];
    }

    public long feesCollected(final int currency)
    {
        return feesCollected[currency];
    }

    /** Starts the next window's positions. */
    public void clear()
    {
        for (int i = 0; i < size; i++)
        {
            indexByKey.remove(key(participants[i], currencies[i]));
        }
        size = 0;
        java.util.Arrays.fill(feesCollected, 0);
    }

    private int position(final int participant, final int currency)
    {
        final long key = key(participant, currency);
        final long index = indexByKey.get(key);
        if (index != MISSING)
        {
            return (int)index;
        }
        final int created = size++;
        participants[created] = participant;
        currencies[created] = (short)currency;
        debits[created] = 0;
        credits[created] = 0;
        feesPaid[created] = 0;
        feesReceived[created] = 0;
        counts[created] = 0;
        indexByKey.put(key, created);
        return created;
    }

    private static long key(final int participant, final int currency)
    {
        return ((long)participant << 16) | currency;
    }

    /** Most bytes {@link #writeSnapshot} writes: {@code capacity} positions, fees collected in every currency. */
    public static long maxSnapshotLength(final int capacity)
    {
        final long position = Integer.BYTES + Short.BYTES + 5 * Long.BYTES;
        return Integer.BYTES * 3 + capacity * position + Currencies.MAX_CODE * (long)(Short.BYTES + Long.BYTES);
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(size);
        for (int i = 0; i < size; i++)
        {
            writer.putInt(participants[i]).putShort(currencies[i]).putLong(debits[i]).putLong(credits[i])
                .putLong(feesPaid[i]).putLong(feesReceived[i]).putLong(counts[i]);
        }
        int currencyCount = 0;
        for (int c = 1; c <= Currencies.MAX_CODE; c++)
        {
            currencyCount += feesCollected[c] != 0 ? 1 : 0;
        }
        writer.putInt(currencyCount);
        for (int c = 1; c <= Currencies.MAX_CODE; c++)
        {
            if (feesCollected[c] != 0)
            {
                writer.putShort((short)c).putLong(feesCollected[c]);
            }
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int n = reader.getInt();
        for (int i = 0; i < n; i++)
        {
            final int index = position(reader.getInt(), reader.getShort());
            debits[index] = reader.getLong();
            credits[index] = reader.getLong();
            feesPaid[index] = reader.getLong();
            feesReceived[index] = reader.getLong();
            counts[index] = reader.getLong();
        }
        final int currencyCount = reader.getInt();
        for (int i = 0; i < currencyCount; i++)
        {
            feesCollected[reader.getShort()] = reader.getLong();
        }
    }
}
