package io.tahweel.engine.determinism;

import org.agrona.concurrent.EpochNanoClock;

/**
 * The journaler's clock for reproducible runs: every read advances time by a fixed step, plus a
 * jump scheduled for that read, so the timestamps stamped on a run depend only on the order of
 * entries, not on how fast the machine is. Read only by the journaler thread (and once by
 * genesis validation before it starts).
 */
final class SteppingClock implements EpochNanoClock
{
    private final long stepNanos;
    private final long[] jumpAtRead;
    private long now;
    private int reads;

    /**
     * @param jumpAtRead extra nanoseconds added at the n-th read (index n, from 1); may be shorter than the run.
     */
    SteppingClock(final long startNanos, final long stepNanos, final long[] jumpAtRead)
    {
        this.now = startNanos;
        this.stepNanos = stepNanos;
        this.jumpAtRead = jumpAtRead;
    }

    @Override
    public long nanoTime()
    {
        reads++;
        now += stepNanos + (reads < jumpAtRead.length ? jumpAtRead[reads] : 0);
        return now;
    }
}
