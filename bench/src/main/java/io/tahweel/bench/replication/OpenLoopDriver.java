package io.tahweel.bench.replication;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.bench.support.CardTraffic;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.CaptureMode;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop Authorize traffic into a node's ring at a fixed rate, and the latency of each answer from the
 * moment it was due to be sent to the moment the node's output stage released it (after the replication gate),
 * so a stall anywhere shows in the percentiles instead of lowering the rate (no coordinated omission). The sender
 * only parks, never spins (on 2 cores a spinning sender takes a third of the machine from the nodes it measures), so
 * each request leaves up to one timer slack (~50-60 us) after its due time and that is in every mode's latency.
 * <p>
 * It is the node's {@link OutcomeListener}: answers arrive on the output thread, matched to their request by
 * correlation id. One run at a time; {@link #run} returns when every request of the run was answered (or after
 * a drain time-out, which the result shows as lost).
 */
final class OpenLoopDriver implements OutcomeListener
{
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What one run measured; latencies in nanoseconds. */
    record Result(String label, int rate, long sent, long answered, long approved, long rejected, Histogram histogram)
    {
        boolean clean()
        {
            return answered == sent && approved == sent && rejected == 0;
        }
    }

    private final CardTraffic traffic;
    private final AtomicLong answered = new AtomicLong();
    private volatile long[] intended = new long[0];
    private volatile long firstCorrelation;
    private volatile Histogram histogram;
    private long nextCorrelation = 1;
    // Written by the output thread only, read after the run has drained.
    private long approved;
    private long rejected;

    OpenLoopDriver(final BenchSwitch bench)
    {
        this.traffic = new CardTraffic(bench);
    }

    @Override
    public void onOutcome(final CommandSlot slot)
    {
        final long index = slot.correlationId() - firstCorrelation;
        final long[] due = intended;
        if (slot.source() != io.tahweel.sbe.Source.INTERNAL || index < 0 || index >= due.length)
        {
            return;  // genesis and other commands
        }
        final long now = System.nanoTime();
        if (slot.rejection() != CommandSlot.ACCEPTED)
        {
            rejected++;
        }
        else if (slot.outcome().type() == Outcome.AUTHORIZATION &&
            slot.outcome().result() == AuthorizationResult.APPROVED.value())
        {
            approved++;
        }
        histogram.recordValue(Math.min(HIGHEST_TRACKABLE_NANOS, Math.max(0, now - due[(int)index])));
        answered.incrementAndGet();
    }

    /** {@code seconds} of traffic at {@code rate}/s into {@code publisher}. */
    Result run(final String label, final CommandPublisher publisher, final int rate, final double seconds)
    {
        final int count = (int)Math.max(1, Math.round(rate * seconds));
        final long[] due = new long[count];
        histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        approved = 0;
        rejected = 0;
        answered.set(0);
        firstCorrelation = nextCorrelation;
        intended = due;
        nextCorrelation += count;

        final double periodNanos = 1e9 / rate;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (int i = 0; i < count; i++)
        {
            final long at = start + (long)(i * periodNanos);
            long now;
            while ((now = System.nanoTime()) < at)
            {
                LockSupport.parkNanos(at - now);  // late by the timer slack (~50-60 us), never spinning
            }
            due[i] = at;
            final CommandSlot slot = publisher.claim();
            slot.length(traffic.encodeAuthorize(slot.buffer(), CaptureMode.SINGLE_MESSAGE, firstCorrelation + i));
            publisher.publish(slot);
        }
        final long deadline = System.nanoTime() + DRAIN_NANOS;
        while (answered.get() < count && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return new Result(label, rate, count, answered.get(), approved, rejected, histogram.copy());
    }
}
