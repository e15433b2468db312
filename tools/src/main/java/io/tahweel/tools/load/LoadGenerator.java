package io.tahweel.tools.load;

import io.tahweel.gateways.iso8583.AcquirerLatency;
import org.HdrHistogram.Histogram;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a target (a switch, or the echo host) with N acquirer connections: one fixed-rate run,
 * or a step run that raises the rate until p99.9 exceeds a bound or the target stops keeping up.
 */
public final class LoadGenerator implements AutoCloseable
{
    /** A step is sustained when at least this share of what was offered was answered in time. */
    public static final double SUSTAINED_SHARE = 0.99;

    private final LoadConnections connections;
    private final String[] pans;
    private final int acquirerId;
    private final String mti;
    private long rrnBase = 1;
    private int run;
    private AcquirerLatency inside;

    public LoadGenerator(final String host, final int port, final int connectionCount, final String[] pans,
        final int acquirerId, final String mti) throws InterruptedException
    {
        this.connections = new LoadConnections(host, port, connectionCount);
        this.pans = pans;
        this.acquirerId = acquirerId;
        this.mti = mti;
    }

    /** The switch's own latency record (an embedded switch), reported beside each run's; null for none. */
    public LoadGenerator inside(final AcquirerLatency inside)
    {
        this.inside = inside;
        return this;
    }

    /** One run of {@code seconds} at {@code rate} requests/s. */
    public LoadRun.Result run(final int rate, final double seconds)
    {
        final int count = (int)Math.min(RequestFrames.MAX_REQUESTS, Math.max(1, Math.round(rate * seconds)));
        // Field 7 differs per run (MMDDhhmmss: one minute per run, on 24 November so keys never meet the
        // demo's in-process traffic of 25 November), so STANs may repeat across runs.
        final String dateTime = String.format("1124%02d%02d00", (run / 60) % 24, run % 60);
        run++;
        final RequestFrames frames = RequestFrames.build(count, pans, acquirerId, mti, rrnBase, dateTime);
        rrnBase += count;
        // Packing the frames with jPOS (~2.5 KB of garbage each) fills the young generation the run would
        // otherwise collect in the middle of its measurement, in the JVM the switch may share: collect it now.
        System.gc();
        if (inside == null)
        {
            return LoadRun.run(connections, frames, rate);
        }
        inside.interval(); // forget what earlier runs (the warm-up) recorded
        return LoadRun.run(connections, frames, rate).withInside(inside.interval());
    }

    /** Raises the rate step by step; stops after the first step whose p99.9 exceeds the bound or that was not sustained. */
    public List<LoadRun.Result> step(final int[] rates, final double seconds, final long p999BoundNanos,
        final PrintStream out)
    {
        final List<LoadRun.Result> results = new ArrayList<>();
        for (final int rate : rates)
        {
            final LoadRun.Result result = run(rate, seconds);
            results.add(result);
            print(result, out);
            if (!isWithin(result, p999BoundNanos))
            {
                break;
            }
        }
        return results;
    }

    public static boolean isWithin(final LoadRun.Result result, final long p999BoundNanos)
    {
        return result.histogram().getValueAtPercentile(99.9) <= p999BoundNanos &&
            result.answered() >= SUSTAINED_SHARE * result.sent() &&
            result.achievedRate() >= SUSTAINED_SHARE * result.offeredRate();
    }

    public static void print(final LoadRun.Result result, final PrintStream out)
    {
        final Histogram h = result.histogram();
        out.printf("offered %,7d/s  achieved %,9.0f/s  answered %,d/%,d  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us" +
                "  max %9.1f us  codes %s%n",
            result.offeredRate(), result.achievedRate(), result.answered(), result.sent(),
            micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)),
            micros(h.getMaxValue()), codes(result.responseCodes()));
        final Histogram in = result.inside();
        if (in != null && in.getTotalCount() > 0)
        {
            out.printf("  inside the switch (frame read -> answer written, %,d answers): p50 %8.1f us  p99 %8.1f us" +
                "  p99.9 %8.1f us  max %9.1f us%n", in.getTotalCount(), micros(in.getValueAtPercentile(50)),
                micros(in.getValueAtPercentile(99)), micros(in.getValueAtPercentile(99.9)), micros(in.getMaxValue()));
        }
    }

    public static void writeHgrm(final LoadRun.Result result, final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile())))
        {
            result.histogram().outputPercentileDistribution(out, 1000.0);
        }
    }

    private static String codes(final Map<String, Long> codes)
    {
        final StringBuilder text = new StringBuilder();
        codes.forEach((code, count) -> text.append(text.length() == 0 ? "" : " ").append(code).append('=').append(count));
        return text.toString();
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }

    @Override
    public void close()
    {
        connections.close();
    }
}
