package io.tahweel.gateways.iso8583;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * How long the switch itself takes per card request: from the event loop reading the request's frame
 * to the answer written to the socket, for every request answered through the core (on-us decisions,
 * remote issuers' answers and stand-in). Client, network and the kernel's socket buffers are outside;
 * the ring, journal, core, output stage and their hand-offs are inside. So this is the switch-added
 * latency directly, without subtracting two runs' percentiles.
 * <p>
 * Wait-free to record from every event loop ({@link Recorder}), two clock reads per request; read as
 * interval histograms (each read returns what was recorded since the previous one), so it has one
 * reader: the admin interface's {@code GET /status} on a node, {@code tahweel load} on the switch it
 * embeds.
 */
public final class AcquirerLatency
{
    /** Longest time recorded as itself; anything longer is recorded as this. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);

    /** Records one answer to a request whose frame was read at {@code receivedNanos} ({@link System#nanoTime()}). */
    public void record(final long receivedNanos)
    {
        recorder.recordValue(Math.min(HIGHEST_TRACKABLE_NANOS, Math.max(0, System.nanoTime() - receivedNanos)));
    }

    /** Nanoseconds per answer recorded since the previous call (allocates: for reports, not the hot path). */
    public Histogram interval()
    {
        return recorder.getIntervalHistogram();
    }
}
