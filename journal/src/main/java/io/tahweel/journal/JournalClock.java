package io.tahweel.journal;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The clock Chronicle Queue consults to pick the cycle file of an append: it returns the
 * timestamp of the entry being appended, never wall-clock time.
 *
 * <p>This makes the file an entry lands in a function of the entry itself, so two nodes holding
 * the same journal hold the same files, and rolling can be tested by choosing timestamps. The
 * clock never goes back: an entry stamped before its predecessor stays in the predecessor's cycle,
 * because Chronicle cannot append to an older cycle.
 */
final class JournalClock implements TimeProvider
{
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private volatile long timeMillis;

    /**
     * @param timestampNanos of the entry about to be appended (or the last one on open).
     */
    void entryTimestampNanos(final long timestampNanos)
    {
        final long millis = Math.floorDiv(timestampNanos, NANOS_PER_MILLI);
        if (millis > timeMillis)
        {
            timeMillis = millis;
        }
    }

    @Override
    public long currentTimeMillis()
    {
        return timeMillis;
    }

    @Override
    public long currentTimeMicros()
    {
        return timeMillis * NANOS_PER_MICRO;
    }

    @Override
    public long currentTimeNanos()
    {
        return timeMillis * NANOS_PER_MILLI;
    }
}
