package io.tahweel.bench;

import io.tahweel.bench.support.FilledCore;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.replication.PrimaryCheckpointer;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.journal.SnapshotStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * How long a periodic snapshot holds the core thread: {@link CoreSnapshotter#snapshot} timed on the thread
 * that applies the entries (as the pipeline's core stage calls it every {@code snapshotInterval} entries),
 * with a core at production capacities (the default {@link CoreContext}) whose authorization book and
 * transfer ring are full, into a real {@link SnapshotStore} in a temp directory on this machine's disk.
 * <p>
 * {@code --snapshots} snapshots, 1,000 more Authorize entries apart; the next starts once the previous
 * one's file is written, fsynced and pruned (so none is skipped), and the time to that point is printed too. The first is the
 * one a node takes once in its life; the rest are every later one.
 * <p>
 * {@code --primary true}: a replicating primary, whose checkpoint falls on the same entry as the snapshot (by
 * default they do). Each round is timed twice on the core thread, alternately: the checkpoint
 * ({@link PrimaryCheckpointer#afterEntry}) then the snapshot serialised again ({@code snapshot}, as before), and the
 * checkpoint then the snapshot copied from the checkpoint's bytes ({@code snapshotFrom}, what the core stage does).
 * <pre>
 *   bench/run-main.sh io.tahweel.bench.SnapshotStallBench [--entries 600000] [--snapshots 4] [--primary true]
 * </pre>
 */
public final class SnapshotStallBench
{
    private static final int ENTRIES_BETWEEN = 1_000;

    public static void main(final String[] args) throws IOException
    {
        int entries = 600_000;
        int snapshots = 4;
        boolean primary = false;
        for (int i = 0; i < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--entries" -> entries = Integer.parseInt(args[i + 1]);
                case "--snapshots" -> snapshots = Integer.parseInt(args[i + 1]);
                case "--primary" -> primary = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Path directory = Files.createTempDirectory("tahweel-snapshot-bench-");
        try
        {
            if (primary)
            {
                runPrimary(entries, snapshots, directory);
            }
            else
            {
                run(entries, snapshots, directory);
            }
        }
        finally
        {
            try (Stream<Path> paths = Files.walk(directory))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(final int entries, final int snapshots, final Path directory)
    {
        final CoreContext context = new CoreContext();
        System.out.println("core: " + context + "; " + entries + " Authorize entries, " + snapshots +
            " snapshots into " + directory);
        final FilledCore bench = new FilledCore(context);
        final SnapshotStore store = new SnapshotStore(directory);
        final CoreSnapshotter snapshotter = new CoreSnapshotter(store);
        bench.apply(entries);
        final long[] stallNs = new long[snapshots];
        final long[] onDiskNs = new long[snapshots];
        for (int s = 0; s < snapshots; s++)
        {
            bench.apply(ENTRIES_BETWEEN);
            final long sequence = bench.core().lastSequence();
            final long start = System.nanoTime();
            snapshotter.snapshot(bench.core());
            stallNs[s] = System.nanoTime() - start;
            while (snapshotter.writing())
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            onDiskNs[s] = System.nanoTime() - start;
            if (!store.sequences().contains(sequence))
            {
                throw new IllegalStateException("the snapshot at " + sequence + " was not written");
            }
        }
        final long bytes = store.fileFor(bench.core().lastSequence()).toFile().length();
        System.out.printf("snapshot file: %,d bytes at sequence %,d%n", bytes, bench.core().lastSequence());
        System.out.printf("core thread held (ms):%s%n", each(stallNs));
        System.out.printf("file on disk after (ms):%s%n", each(onDiskNs));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // let the last prune finish before the temp dir goes
    }

    private static void runPrimary(final int entries, final int rounds, final Path directory)
    {
        final CoreContext context = new CoreContext();
        System.out.println("core: " + context + "; " + entries + " Authorize entries, " + rounds +
            " rounds of (checkpoint + snapshot serialised again, checkpoint + snapshot copied) into " + directory);
        final FilledCore bench = new FilledCore(context);
        final SnapshotStore store = new SnapshotStore(directory);
        final CoreSnapshotter snapshotter = new CoreSnapshotter(store);
        final AtomicLong hashed = new AtomicLong();
        // interval 1: due on every entry this bench calls it for (it calls it only where a snapshot is taken)
        final PrimaryCheckpointer checkpointer = new PrimaryCheckpointer(
            (sequence, digest, offset) -> hashed.incrementAndGet() > 0, 1, context);
        bench.apply(entries);
        final long[] twiceNs = new long[rounds];
        final long[] copiedNs = new long[rounds];
        // round 0 warms up (first buffer growth, JIT) and is not reported
        for (int round = 0; round <= rounds; round++)
        {
            for (int variant = 0; variant < 2; variant++)
            {
                final boolean copy = (round + variant) % 2 == 1; // alternate which variant goes first
                bench.apply(ENTRIES_BETWEEN);
                final long hashesBefore = hashed.get();
                final long start = System.nanoTime();
                final SnapshotWriter checkpointed = checkpointer.afterEntry(bench.core());
                if (copy)
                {
                    snapshotter.snapshotFrom(bench.core(), checkpointed);
                }
                else
                {
                    snapshotter.snapshot(bench.core());
                }
                final long heldNs = System.nanoTime() - start;
                if (round > 0)
                {
                    (copy ? copiedNs : twiceNs)[round - 1] = heldNs;
                }
                while (snapshotter.writing() || hashed.get() == hashesBefore)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        }
        checkpointer.close();
        System.out.printf("core thread held, checkpoint + snapshot serialised again (ms):%s%n", each(twiceNs));
        System.out.printf("core thread held, checkpoint + snapshot copied from it (ms):%s%n", each(copiedNs));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }

    private static String each(final long[] nanos)
    {
        final StringBuilder each = new StringBuilder();
        Arrays.stream(nanos).forEach(ns -> each.append(String.format(" %.1f", ns / 1e6)));
        return each.toString();
    }
}
