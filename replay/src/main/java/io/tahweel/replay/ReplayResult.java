package io.tahweel.replay;

/**
 * What one replay read: every entry from genesis up to where the range ended ({@code entriesRead}),
 * of which {@code entriesInRange} were fed to the views, with their first and last sequence and
 * journal time (0 when the range was empty).
 */
public record ReplayResult(
    long entriesRead,
    long entriesInRange,
    long firstSequence,
    long lastSequence,
    long firstTimestamp,
    long lastTimestamp,
    long journalLastSequence,
    long elapsedNanos)
{
    /** Entries read per second of wall time, for the summary line and the bench. */
    public double entriesPerSecond()
    {
        return elapsedNanos == 0 ? 0 : entriesRead * 1e9 / elapsedNanos;
    }
}
