package io.tahweel.engine.time;

/**
 * Calendar arithmetic on journal time (UTC), allocation-free.
 * <p>
 * The core may not read clocks or use {@code java.time} objects on its hot path, so the day
 * index and year-month of an entry's timestamp are computed here with the days-to-civil
 * algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
 */
public final class CivilTime
{
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    public static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;

    private CivilTime()
    {
    }

    /** Days since 1970-01-01 (UTC) of a timestamp in nanoseconds since the epoch. */
    public static long epochDay(final long epochNanos)
    {
        return Math.floorDiv(epochNanos, NANOS_PER_DAY);
    }

    /** Year and month as the number {@code YYMM}, the format of card expiry dates (ISO 8583 field 14). */
    public static int yymm(final long epochNanos)
    {
        return yymmOfDay(epochDay(epochNanos));
    }

    /** {@link #yymm(long)} of a day index from {@link #epochDay(long)}. */
    public static int yymmOfDay(final long epochDay)
    {
        final long ym = yearMonth(epochDay);
        final long year = ym / 100;
        final long month = ym % 100;
        return (int)((year % 100) * 100 + month);
    }

    /** Full year and month as {@code YYYYMM} for a day index. */
    public static long yearMonth(final long epochDay)
    {
        final long z = epochDay + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long doe = z - era * 146_097;
        final long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year * 100 + month;
    }

    /**
     * Compares a {@code YYMM} expiry with a {@code YYMM} current month, treating two-digit years
     * as 2000-2099. A card is valid through the last day of its expiry month.
     */
    public static boolean isExpired(final int expiryYymm, final int currentYymm)
    {
        return expiryYymm < currentYymm;
    }

    /** True when {@code yymm} has a month 01..12. */
    public static boolean isValidYymm(final int yymm)
    {
        final int month = yymm % 100;
        return yymm >= 0 && yymm <= 9912 && month >= 1 && month <= 12;
    }
}
