package io.tahweel.engine.card;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * Per remote issuer: whether its link is up, how long to wait for its answers, and what the
 * switch may approve on its behalf (STIP); per card, the stand-in amount approved today.
 * Issuers with no configuration wait {@link #DEFAULT_TIMEOUT_MILLIS} and never stand in.
 */
public final class StandInRules
{
    public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;
    public static final long MAX_TIMEOUT_MILLIS = 60_000;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int SNAPSHOT_MARKER = 0x53544950; // "STIP"
    private static final int MISSING = -1;

    private final int issuerCapacity;
    private final int cardCapacity;
    private final Int2IntHashMap indexByIssuer;
    private final int[] issuerIds;
    private final boolean[] linksUp;
    private final long[] timeoutNanos;
    private final boolean[] enabled;
    private final long[] maxAmounts;
    private final long[] dailyLimits;
    private final long[] transactionTypes;
    private int issuers;

    private final Long2LongHashMap usageByToken;
    private final long[] usageTokens;
    private final long[] usageDays;
    private final long[] usageAmounts;
    private int usages;

    public StandInRules(final int issuerCapacity, final int cardCapacity)
    {
        this.issuerCapacity = issuerCapacity;
        this.cardCapacity = cardCapacity;
        indexByIssuer = new Int2IntHashMap(issuerCapacity * 2, 0.65f, MISSING);
        issuerIds = new int[issuerCapacity];
        linksUp = new boolean[issuerCapacity];
        timeoutNanos = new long[issuerCapacity];
        enabled = new boolean[issuerCapacity];
        maxAmounts = new long[issuerCapacity];
        dailyLimits = new long[issuerCapacity];
        transactionTypes = new long[issuerCapacity];
        usageByToken = new Long2LongHashMap(cardCapacity * 2, 0.65f, MISSING);
        usageTokens = new long[cardCapacity];
        usageDays = new long[cardCapacity];
        usageAmounts = new long[cardCapacity];
    }

    public static boolean isValidTimeout(final long millis)
    {
        return millis >= 1 && millis <= MAX_TIMEOUT_MILLIS;
    }

    public void configure(final int issuer, final long timeoutMillis, final boolean standIn, final long maxAmount,
        final long dailyLimit, final long types)
    {
        final int i = indexOf(issuer);
        timeoutNanos[i] = timeoutMillis * NANOS_PER_MILLI;
        enabled[i] = standIn;
        maxAmounts[i] = maxAmount;
        dailyLimits[i] = dailyLimit;
        transactionTypes[i] = types;
    }

    public void link(final int issuer, final boolean up)
    {
        linksUp[indexOf(issuer)] = up;
    }

    public boolean isLinkUp(final int issuer)
    {
        final int i = indexByIssuer.get(issuer);
        return i != MISSING && linksUp[i];
    }

    public long timeoutNanos(final int issuer)
    {
        final int i = indexByIssuer.get(issuer);
        return i == MISSING ? DEFAULT_TIMEOUT_MILLIS * NANOS_PER_MILLI : timeoutNanos[i];
    }

    /** Whether stand-in may approve {@code amount} on this card today; nothing is recorded. */
    public boolean allows(final int issuer, final long token, final long amount, final int processingCode, final long day)
    {
        final int i = indexByIssuer.get(issuer);
        if (i == MISSING || !enabled[i] || amount > maxAmounts[i])
        {
            return false;
        }
        final int type = processingCode / 10_000;
        if (type < 0 || type > 63 || (transactionTypes[i] & (1L << type)) == 0)
        {
            return false;
        }
        final long usage = usageByToken.get(token);
        final long used = usage != MISSING && usageDays[(int)usage] == day ? usageAmounts[(int)usage] : 0;
        return amount <= dailyLimits[i] - used && (usage != MISSING || usages < cardCapacity);
    }

    /** Counts a stand-in approval against the card's daily stand-in limit; the caller checked {@link #allows}. */
    public void record(final long token, final long day, final long amount)
    {
        long usage = usageByToken.get(token);
        if (usage == MISSING)
        {
            usage = usages++;
            usageTokens[(int)usage] = token;
            usageByToken.put(token, usage);
        }
        final int u = (int)usage;
        if (usageDays[u] != day)
        {
            usageDays[u] = day;
            usageAmounts[u] = 0;
        }
        usageAmounts[u] += amount;
    }

    public boolean hasRoomForIssuer(final int issuer)
    {
        return indexByIssuer.get(issuer) != MISSING || issuers < issuerCapacity;
    }

    private int indexOf(final int issuer)
    {
        int i = indexByIssuer.get(issuer);
        if (i == MISSING)
        {
            i = issuers++;
            issuerIds[i] = issuer;
            timeoutNanos[i] = DEFAULT_TIMEOUT_MILLIS * NANOS_PER_MILLI;
            indexByIssuer.put(issuer, i);
        }
        return i;
    }

    /** Most bytes {@link #writeSnapshot} writes: every issuer configured, every card with a usage. */
    public static long maxSnapshotLength(final int issuerCapacity, final int cardCapacity)
    {
        final long issuer = Integer.BYTES + 2 * Byte.BYTES + 4 * Long.BYTES;
        return Integer.BYTES * 3 + issuerCapacity * issuer + cardCapacity * (3L * Long.BYTES);
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(issuers);
        for (int i = 0; i < issuers; i++)
        {
            writer.putInt(issuerIds[i]).putByte((byte)(linksUp[i] ? 1 : 0)).putLong(timeoutNanos[i])
                .putByte((byte)(enabled[i] ? 1 : 0)).putLong(maxAmounts[i]).putLong(dailyLimits[i])
                .putLong(transactionTypes[i]);
        }
        writer.putInt(usages);
        for (int u = 0; u < usages; u++)
        {
            writer.putLong(usageTokens[u]).putLong(usageDays[u]).putLong(usageAmounts[u]);
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int n = reader.getInt();
        for (int k = 0; k < n; k++)
        {
            final int i = indexOf(reader.getInt());
            linksUp[i] = reader.getByte() == 1;
            timeoutNanos[i] = reader.getLong();
            enabled[i] = reader.getByte() == 1;
            maxAmounts[i] = reader.getLong();
            dailyLimits[i] = reader.getLong();
            transactionTypes[i] = reader.getLong();
        }
        final int u = reader.getInt();
        for (int k = 0; k < u; k++)
        {
            final long token = reader.getLong();
            usageTokens[k] = token;
            usageDays[k] = reader.getLong();
            usageAmounts[k] = reader.getLong();
            usageByToken.put(token, k);
        }
        usages = u;
    }
}
