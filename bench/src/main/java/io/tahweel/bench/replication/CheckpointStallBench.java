package io.tahweel.bench.replication;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.tahweel.bench.support.FilledCore;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.replication.PrimaryCheckpointer;
import io.tahweel.engine.state.SnapshotWriter;

/**
 * How long a checkpoint holds the primary's core thread: {@link PrimaryCheckpointer#afterEntry} timed on the
 * thread that applies the entries, with a core at production capacities (the default {@link CoreContext}) whose
 * authorization book and transfer ring are full.
 * <p>
 * The checkpointer is created before the core is filled, as a primary creates it at start, so anything it
 * prepares off the core thread is ready by its first checkpoint. Then {@code --checkpoints} checkpoints, each
 * after 1,000 more single-message Authorize entries, each timed alone (the next starts once the previous one's
 * hash has been handed on). The first is the one a primary takes once in its life at entry 1,000,000; the rest
 * are every later one. Hashing runs on the checkpointer's own thread and is not in these times.
 * <p>
 * Two reference lines: {@code --warm-up true} serialises the core once, untimed, before the first checkpoint, so
 * the first one no longer includes the JIT compiling the serialisation code; and the time one
 * {@code System.arraycopy} takes to copy as many bytes as the state has, the floor for any serialisation that writes
 * the whole state on the core thread.
 * <pre>
 *   bench/run-main.sh io.tahweel.bench.replication.CheckpointStallBench [--entries 600000] [--checkpoints 6]
 *       [--warm-up false]
 * </pre>
 */
public final class CheckpointStallBench
{
    private static final int ENTRIES_BETWEEN = 1_000;

    public static void main(final String[] args)
    {
        int entries = 600_000;
        int checkpoints = 6;
        boolean warmUp = false;
        for (int i = 0; i < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--entries" -> entries = Integer.parseInt(args[i + 1]);
                case "--checkpoints" -> checkpoints = Integer.parseInt(args[i + 1]);
                case "--warm-up" -> warmUp = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final CoreContext context = new CoreContext();
        System.out.println("core: " + context + "; " + entries + " Authorize entries, " + checkpoints + " checkpoints" +
            (warmUp ? ", serialisation warmed up" : ""));
        final FilledCore bench = new FilledCore(context);
        final AtomicLong hashed = new AtomicLong();
        try (PrimaryCheckpointer checkpointer =
            new PrimaryCheckpointer((sequence, digest, offset) -> hashed.incrementAndGet() > 0, 1, context))
        {
            bench.apply(entries);
            if (warmUp)
            {
                bench.core().writeSnapshot(SnapshotWriter.sizedFor(SwitchCore.maxSnapshotLength(context)));
            }
            final long[] stallNs = new long[checkpoints];
            for (int c = 0; c < checkpoints; c++)
            {
                bench.apply(ENTRIES_BETWEEN);
                final long start = System.nanoTime();
                checkpointer.afterEntry(bench.core());
                stallNs[c] = System.nanoTime() - start;
                while (hashed.get() <= c)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            report(bench.core(), stallNs);
        }
    }

    private static void report(final SwitchCore core, final long[] stallNs)
    {
        final SnapshotWriter writer = new SnapshotWriter(1 << 20);
        core.writeSnapshot(writer);
        final int length = writer.position();
        System.out.printf("state: %,d bytes at sequence %,d%n", length, core.lastSequence());
        System.out.printf("first checkpoint: %.1f ms on the core thread%n", stallNs[0] / 1e6);
        if (stallNs.length > 1)
        {
            final long[] later = Arrays.copyOfRange(stallNs, 1, stallNs.length);
            System.out.printf("later checkpoints (ms):%s; median %.1f ms%n", each(later), median(later) / 1e6);
        }
        final byte[] from = new byte[length];
        final byte[] to = new byte[length];
        final long[] copyNs = new long[5];
        for (int i = 0; i < copyNs.length; i++)
        {
            final long start = System.nanoTime();
            System.arraycopy(from, 0, to, 0, length);
            copyNs[i] = System.nanoTime() - start;
        }
        System.out.printf("one arraycopy of %,d bytes (ms):%s; median %.1f ms%n", length, each(copyNs),
            median(copyNs) / 1e6);
    }

    private static String each(final long[] nanos)
    {
        final StringBuilder each = new StringBuilder();
        for (final long ns : nanos)
        {
            each.append(String.format(" %.1f", ns / 1e6));
        }
        return each.toString();
    }

    private static long median(final long[] nanos)
    {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
