package io.tahweel.engine.settlement;

import io.tahweel.engine.currency.Currencies;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;

/**
 * Per currency: the switch's central settlement account, its fee account, and the fees charged on
 * each cleared card purchase. Looked up by currency code as an array index.
 * <p>
 * Rounding rule: interchange = fixed + floor(amount x basis points / 10,000), computed exactly
 * (no floating point). Refunds carry no fees and return none.
 */
public final class FeeSchedules
{
    public static final int MAX_BASIS_POINTS = 10_000;
    private static final int SNAPSHOT_MARKER = 0x46454553; // "FEES"

    private final boolean[] configured = new boolean[Currencies.MAX_CODE + 1];
    private final long[] centralAccounts = new long[Currencies.MAX_CODE + 1];
    private final long[] feeAccounts = new long[Currencies.MAX_CODE + 1];
    private final int[] interchangeBasisPoints = new int[Currencies.MAX_CODE + 1];
    private final long[] interchangeFixed = new long[Currencies.MAX_CODE + 1];
    private final long[] acquirerFees = new long[Currencies.MAX_CODE + 1];
    private final long[] issuerFees = new long[Currencies.MAX_CODE + 1];

    public boolean isConfigured(final int currency)
    {
        return Currencies.isValidCode(currency) && configured[currency];
    }

    /** Admin path: caller validated accounts, currency and fee ranges. Replaces any earlier schedule. */
    public void configure(final int currency, final long centralAccount, final long feeAccount, final int basisPoints,
        final long fixed, final long acquirerFee, final long issuerFee)
    {
        configured[currency] = true;
        centralAccounts[currency] = centralAccount;
        feeAccounts[currency] = feeAccount;
        interchangeBasisPoints[currency] = basisPoints;
        interchangeFixed[currency] = fixed;
        acquirerFees[currency] = acquirerFee;
        issuerFees[currency] = issuerFee;
    }

    public static boolean isValid(final int basisPoints, final long fixed, final long acquirerFee, final long issuerFee)
    {
        return basisPoints >= 0 && basisPoints <= MAX_BASIS_POINTS && fixed >= 0 && acquirerFee >= 0 && issuerFee >= 0;
    }

    /** Interchange on a purchase of {@code amount}; 0 where no schedule is configured. */
    public long interchange(final int currency, final long amount)
    {
        if (!isConfigured(currency))
        {
            return 0;
        }
        return interchangeFixed[currency] + proportional(amount, interchangeBasisPoints[currency]);
    }

    public long acquirerFee(final int currency)
    {
        return isConfigured(currency) ? acquirerFees[currency] : 0;
    }

    public long issuerFee(final int currency)
    {
        return isConfigured(currency) ? issuerFees[currency] : 0;
    }

    public long centralAccount(final int currency)
    {
        return centralAccounts[currency];
    }

    public long feeAccount(final int currency)
    {
        return feeAccounts[currency];
    }

    /** floor(amount x bps / 10,000) without overflow for any long amount (bps at most 10,000). */
    static long proportional(final long amount, final int basisPoints)
    {
        final long whole = amount / MAX_BASIS_POINTS;
        final long rest = amount % MAX_BASIS_POINTS;
        return whole * basisPoints + (rest * basisPoints) / MAX_BASIS_POINTS;
    }

    /** Most bytes {@link #writeSnapshot} writes: a schedule for every currency code. */
    public static long maxSnapshotLength()
    {
        final long schedule = Short.BYTES + 5 * Long.BYTES + Integer.BYTES;
        return Integer.BYTES * 2 + Currencies.MAX_CODE * schedule;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER);
        int count = 0;
        for (int c = 1; c <= Currencies.MAX_CODE; c++)
        {
            count += configured[c] ? 1 : 0;
        }
        writer.putInt(count);
        for (int c = 1; c <= Currencies.MAX_CODE; c++)
        {
            if (configured[c])
            {
                writer.putShort((short)c).putLong(centralAccounts[c]).putLong(feeAccounts[c])
                    .putInt(interchangeBasisPoints[c]).putLong(interchangeFixed[c]).putLong(acquirerFees[c])
                    .putLong(issuerFees[c]);
            }
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int count = reader.getInt();
        for (int i = 0; i < count; i++)
        {
            configure(reader.getShort(), reader.getLong(), reader.getLong(), reader.getInt(), reader.getLong(),
                reader.getLong(), reader.getLong());
        }
    }
}
