package io.tahweel.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What one random memory access costs on this machine, and how many can be in flight at once:
 * the yardstick for reading the core's profiles (its tables are larger than the caches).
 * <p>
 * For tables of 1, 8, 64 and 512 MB of {@code long}s (or the sizes in KB given as arguments) it
 * times (1) a <em>dependent</em> chain, each load's address given by the previous load (a random
 * cyclic permutation: one cache or TLB miss after another, the latency), and (2) <em>independent</em> loads at random positions
 * summed in a tight loop (their misses overlap: the throughput, i.e. memory-level parallelism).
 * The ratio of the two says how much a decision could gain by issuing its random accesses
 * together instead of one after another. A plain main, not JMH: it measures the hardware, not
 * code, and prints the last of four rounds (the first ones include JIT compilation).
 * <p>
 * {@code bench/run-main.sh io.tahweel.bench.MemoryLatencyProbe [KB ...]}, e.g. {@code 256 512 1024 2048 4096}
 * to find where this machine's caches end.
 */
public final class MemoryLatencyProbe
{
    private static final int[] DEFAULT_TABLE_KB = {1 << 10, 8 << 10, 64 << 10, 512 << 10};
    private static final int CHAIN_STEPS = 2_000_000;
    private static final int RANDOM_LOADS = 1 << 21;
    private static final int ROUNDS = 4;

    private MemoryLatencyProbe()
    {
    }

    public static void main(final String[] args)
    {
        final SplittableRandom random = new SplittableRandom(1);
        final int[] positions = new int[RANDOM_LOADS];
        final int[] tableKb = args.length == 0 ? DEFAULT_TABLE_KB :
            Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (final int kilobytes : tableKb)
        {
            final long[] table = cyclicPermutation(kilobytes * 1024 / Long.BYTES, random);
            for (int i = 0; i < positions.length; i++)
            {
                positions[i] = random.nextInt(table.length);
            }
            long sink = 0;
            double dependent = 0;
            double independent = 0;
            for (int round = 0; round < ROUNDS; round++)
            {
                final long t0 = System.nanoTime();
                sink += chase(table);
                final long t1 = System.nanoTime();
                sink += sum(table, positions);
                final long t2 = System.nanoTime();
                dependent = (t1 - t0) / (double)CHAIN_STEPS;
                independent = (t2 - t1) / (double)RANDOM_LOADS;
            }
            System.out.printf("%7d KB: dependent %6.1f ns/load, independent %5.1f ns/load, ratio %4.1f (%d)%n",
                kilobytes, dependent, independent, dependent / independent, sink & 1);
        }
    }

    /** A table whose entries form one random cycle over all positions (Sattolo's algorithm). */
    private static long[] cyclicPermutation(final int length, final SplittableRandom random)
    {
        final int[] order = new int[length];
        for (int i = 0; i < length; i++)
        {
            order[i] = i;
        }
        for (int i = length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        final long[] table = new long[length];
        for (int i = 0; i < length; i++)
        {
            table[order[i]] = order[(i + 1) % length];
        }
        return table;
    }

    private static long chase(final long[] table)
    {
        long position = 0;
        for (int i = 0; i < CHAIN_STEPS; i++)
        {
            position = table[(int)position];
        }
        return position;
    }

    private static long sum(final long[] table, final int[] positions)
    {
        long sum = 0;
        for (final int position : positions)
        {
            sum += table[position];
        }
        return sum;
    }
}
