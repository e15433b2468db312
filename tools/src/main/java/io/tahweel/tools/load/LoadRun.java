package io.tahweel.tools.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One open-loop run at a fixed offered rate. Request {@code i} is due at
 * {@code start + i / rate}; its latency is measured from that intended time, not from when the
 * sender got round to it, so a stall in the switch (or the client) shows up in the percentiles
 * instead of silently lowering the rate (coordinated omission). The sender parks until each
 * request is due rather than spinning.
 */
public final class LoadRun
{
    /** Longest latency the histogram tracks: 60 s, 3 significant digits. */
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long to wait for the last responses after the last send. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long PARK_THRESHOLD_NANOS = 20_000;

    /** What a run measured. Latencies are in nanoseconds. */
    /**
     * @param inside the switch's own time per answer during the run ({@code AcquirerLatency}), or null when the
     *               target is not a switch in this process.
     */
    public record Result(int offeredRate, long sent, long answered, double achievedRate, double elapsedSeconds,
        Histogram histogram, Map<String, Long> responseCodes, Histogram inside)
    {
        Result withInside(final Histogram inside)
        {
            return new Result(offeredRate, sent, answered, achievedRate, elapsedSeconds, histogram, responseCodes,
                inside);
        }

        public long lost()
        {
            return sent - answered;
        }
    }

    private LoadRun()
    {
    }

    static Result run(final LoadConnections connections, final RequestFrames frames, final int rate)
    {
        final int count = frames.count();
        final long[] intended = new long[count];
        final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
        final ConcurrentHashMap<String, LongAdder> codes = new ConcurrentHashMap<>();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
        connections.listener((response, receivedNanos) ->
        {
            final int index = RequestFrames.indexOf(response.stan());
            final String code = response.responseCode();
            if (index < 0 || index >= count || intended[index] == 0)
            {
                codes.computeIfAbsent("unmatched", k -> new LongAdder()).increment();
                return;
            }
            recorder.recordValue(Math.min(HIGHEST_TRACKABLE_NANOS, Math.max(0, receivedNanos - intended[index])));
            codes.computeIfAbsent(code == null ? "none" : code, k -> new LongAdder()).increment();
            answered.incrementAndGet();
            lastAnswer.set(receivedNanos);
        });

        final double periodNanos = 1e9 / rate;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (int i = 0; i < count; i++)
        {
            final long due = start + (long)(i * periodNanos);
            long now;
            while ((now = System.nanoTime()) < due)
            {
                final long wait = due - now;
                if (wait > PARK_THRESHOLD_NANOS)
                {
                    LockSupport.parkNanos(wait - PARK_THRESHOLD_NANOS / 2);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            intended[i] = due;
            connections.send(i, frames.bytes(), frames.offset(i), frames.length(i));
        }
        final long lastDue = start + (long)((count - 1) * periodNanos);
        final long drainDeadline = System.nanoTime() + DRAIN_NANOS;
        while (answered.get() < count && System.nanoTime() < drainDeadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final Histogram histogram = recorder.getIntervalHistogram();
        final long done = Math.max(lastAnswer.get(), lastDue);
        final double elapsed = (done - start) / 1e9;
        final Map<String, Long> responseCodes = new TreeMap<>();
        codes.forEach((code, adder) -> responseCodes.put(code, adder.sum()));
        return new Result(rate, count, answered.get(), answered.get() / Math.max(1e-9, elapsed), elapsed, histogram,
            responseCodes, null);
    }
}
