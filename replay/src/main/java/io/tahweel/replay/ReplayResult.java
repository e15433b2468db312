package io.tahweel.replay;

/**
 * What one replay read: every entry from genesis up to where the range ended ({@code entriesRead}),
 * of which {@code entriesInRange} were fed to the views, with their first and last sequence and
 * journal time (0 when the range was empty). {@code elapsedNanos} is the whole replay; {@code setUpNanos}
 * the part of it before the first entry (opening the journal, allocating the core's pre-sized stores),
 * a fixed cost that dominates small journals.
 */
public record ReplayResult(
    long entriesRead,
    long entriesInRange,
    long firstSequence,
    long lastSequence,
    long firstTimestamp,
    long lastTimestamp,
    long journalLastSequence,
    long elapsedNanos,
    long setUpNanos)
{
    /** Entries read per second of wall time, set-up included, for the summary line and the bench. */
    public double entriesPerSecond()
    {
        return elapsedNanos == 0 ? 0 : entriesRead * 1e9 / elapsedNanos;
    }

    /** Entries read per second once set up: the replay's own rate, whatever the journal's length. */
    public double entriesPerSecondAfterSetUp()
    {
        final long replayNanos = elapsedNanos - setUpNanos;
        return replayNanos <= 0 ? 0 : entriesRead * 1e9 / replayNanos;
    }
}
