package io.tahweel.engine.card;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.sbe.CardStatus;
import org.agrona.collections.Long2LongHashMap;

/**
 * Cards issued on the switch (hosted issuing): token, account, status, expiry, limits and the
 * running daily usage the limits are checked against. Creation order, struct of arrays.
 */
public final class Cards
{
    public static final int NOT_FOUND = -1;
    public static final int MIN_PAN_LENGTH = 12;
    public static final int MAX_PAN_LENGTH = 19;
    private static final int SNAPSHOT_MARKER = 0x43415244; // "CARD"

    private final int capacity;
    private final Long2LongHashMap indexByToken;
    private final long[] tokens;
    private final long[] accountIds;
    private final int[] issuerIds;
    private final int[] bins;
    private final short[] last4s;
    private final byte[] panLengths;
    private final short[] expiries;
    private final byte[] statuses;
    private final long[] perTransactionLimits;
    private final int[] dailyCountLimits;
    private final long[] dailyAmountLimits;
    private final long[] usageDays;
    private final int[] usageCounts;
    private final long[] usageAmounts;
    private int count;

    public Cards(final int capacity)
    {
        this.capacity = capacity;
        indexByToken = new Long2LongHashMap(capacity * 2, 0.65f, NOT_FOUND);
        tokens = new long[capacity];
        accountIds = new long[capacity];
        issuerIds = new int[capacity];
        bins = new int[capacity];
        last4s = new short[capacity];
        panLengths = new byte[capacity];
        expiries = new short[capacity];
        statuses = new byte[capacity];
        perTransactionLimits = new long[capacity];
        dailyCountLimits = new int[capacity];
        dailyAmountLimits = new long[capacity];
        usageDays = new long[capacity];
        usageCounts = new int[capacity];
        usageAmounts = new long[capacity];
    }

    public int capacity()
    {
        return capacity;
    }

    public boolean isFull()
    {
        return count == capacity;
    }

    /** Index of the card with this token, or {@link #NOT_FOUND}. */
    public int find(final long token)
    {
        return (int)indexByToken.get(token);
    }

    /** Admin path: the caller validated every field. */
    public void issue(
        final long token, final long accountId, final int issuerId, final int bin, final int last4, final int panLength,
        final int expiry, final CardStatus status, final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        final int i = count++;
        tokens[i] = token;
        accountIds[i] = accountId;
        issuerIds[i] = issuerId;
        bins[i] = bin;
        last4s[i] = (short)last4;
        panLengths[i] = (byte)panLength;
        expiries[i] = (short)expiry;
        statuses[i] = (byte)status.value();
        perTransactionLimits[i] = perTransaction;
        dailyCountLimits[i] = dailyCount;
        dailyAmountLimits[i] = dailyAmount;
        usageDays[i] = Long.MIN_VALUE;
        indexByToken.put(token, i);
    }

    public static boolean isValidCardData(final int bin, final int last4, final int panLength)
    {
        return bin >= 100_000 && bin <= 999_999 && last4 >= 0 && last4 <= 9999 &&
            panLength >= MIN_PAN_LENGTH && panLength <= MAX_PAN_LENGTH;
    }

    public long accountId(final int index)
    {
        return accountIds[index];
    }

    public int issuerId(final int index)
    {
        return issuerIds[index];
    }

    public int expiry(final int index)
    {
        return expiries[index];
    }

    public byte status(final int index)
    {
        return statuses[index];
    }

    public void status(final int index, final CardStatus status)
    {
        statuses[index] = (byte)status.value();
    }

    public long perTransactionLimit(final int index)
    {
        return perTransactionLimits[index];
    }

    public void limits(final int index, final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        perTransactionLimits[index] = perTransaction;
        dailyCountLimits[index] = dailyCount;
        dailyAmountLimits[index] = dailyAmount;
    }

    /** True when one more approval of {@code amount} on {@code day} would exceed the daily count. */
    public boolean exceedsDailyCount(final int index, final long day)
    {
        final int used = usageDays[index] == day ? usageCounts[index] : 0;
        return used + 1 > dailyCountLimits[index];
    }

    /** True when one more approval of {@code amount} on {@code day} would exceed the daily amount. */
    public boolean exceedsDailyAmount(final int index, final long day, final long amount)
    {
        final long used = usageDays[index] == day ? usageAmounts[index] : 0;
        return amount > dailyAmountLimits[index] - used;
    }

    /** Counts an approval against the day's limits. */
    public void recordUsage(final int index, final long day, final long amount)
    {
        if (usageDays[index] != day)
        {
            usageDays[index] = day;
            usageCounts[index] = 0;
            usageAmounts[index] = 0;
        }
        usageCounts[index]++;
        usageAmounts[index] += amount;
    }

    /** Gives back limit usage on a reversal made the same day as the approval. */
    public void releaseUsage(final int index, final long approvalDay, final long amount, final boolean fullReversal)
    {
        if (usageDays[index] == approvalDay)
        {
            usageAmounts[index] = Math.max(0, usageAmounts[index] - amount);
            if (fullReversal && usageCounts[index] > 0)
            {
                usageCounts[index]--;
            }
        }
    }

    public int count()
    {
        return count;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(count);
        for (int i = 0; i < count; i++)
        {
            writer.putLong(tokens[i]).putLong(accountIds[i]).putInt(issuerIds[i]).putInt(bins[i])
                .putShort(last4s[i]).putByte(panLengths[i]).putShort(expiries[i]).putByte(statuses[i])
                .putLong(perTransactionLimits[i]).putInt(dailyCountLimits[i]).putLong(dailyAmountLimits[i])
                .putLong(usageDays[i]).putInt(usageCounts[i]).putLong(usageAmounts[i]);
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int n = reader.getInt();
        for (int i = 0; i < n; i++)
        {
            final long token = reader.getLong();
            final long account = reader.getLong();
            final int issuer = reader.getInt();
            final int bin = reader.getInt();
            final int last4 = reader.getShort();
            final int panLength = reader.getByte();
            final int expiry = reader.getShort();
            final CardStatus status = CardStatus.get(reader.getByte());
            issue(token, account, issuer, bin, last4, panLength, expiry, status,
                reader.getLong(), reader.getInt(), reader.getLong());
            usageDays[i] = reader.getLong();
            usageCounts[i] = reader.getInt();
            usageAmounts[i] = reader.getLong();
        }
    }
}
