package io.tahweel.bench.replication;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.replication.FailoverContext;
import io.tahweel.engine.replication.FailoverNode;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.engine.replication.StandbyAckGate;
import io.tahweel.journal.replication.ReplicationContext;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What replication adds to an answer's latency: the same open-loop Authorize traffic, in one JVM run, into
 * <ul>
 *   <li>{@code solo}: a node that does not replicate at all;</li>
 *   <li>{@code async}: the primary of a replicating pair, answers released once journaled (entries still shipped);</li>
 *   <li>{@code sync}: the same primary, each answer held until the standby has journaled its entry.</li>
 * </ul>
 * The solo node runs first and is closed (an idle pipeline's waiting stages still wake up, which would tax the
 * pair on 2 cores); then the pair: two {@link FailoverNode}s with their own embedded media drivers, UDP on
 * loopback, the standby running its hot core, both on this machine. async and sync are the same primary with its
 * gate switched between runs (what {@code tahweel mode} does), interleaved in a rotated order so drift in a noisy
 * machine's load spreads over both; each mode's rounds are merged into one histogram per rate. The standby does not promote itself here (a noisy machine's pause must not turn a
 * latency run into a failover: FailoverTimeBench measures that). Latency is from each request's due time to its release by the output stage (no
 * network gateway: see {@code tahweel load} for ISO 8583 end to end).
 * <pre>
 *   bench/run-main.sh io.tahweel.bench.replication.ReplicationLatencyBench [--rates 5000,20000]
 *       [--seconds 10] [--rounds 3] [--warmup 5] [--idle-max-park-us 1000]
 * </pre>
 */
public final class ReplicationLatencyBench
{
    private static final String[] PAIR_MODES = {"async", "sync"};

    private ReplicationLatencyBench()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = Options.parse(args, Map.of(
            "--rates", "5000,20000", "--seconds", "10", "--rounds", "3", "--warmup", "5",
            "--idle-max-park-us", Long.toString(ReplicationContext.DEFAULT_IDLE_MAX_PARK_NS / 1000)));
        final int[] rates = Options.ints(options.get("--rates"));
        final double seconds = Double.parseDouble(options.get("--seconds"));
        final int rounds = Integer.parseInt(options.get("--rounds"));
        final double warmup = Double.parseDouble(options.get("--warmup"));
        final long idleMaxParkNs = Long.parseLong(options.get("--idle-max-park-us")) * 1000;

        final BenchSwitch bench = new BenchSwitch(BenchNodes.CARDS);
        final Path root = Files.createTempDirectory("tahweel-replication-bench-");
        final OpenLoopDriver soloDriver = new OpenLoopDriver(bench);
        final OpenLoopDriver pairDriver = new OpenLoopDriver(bench);
        final BenchNodes.Endpoints endpoints = BenchNodes.Endpoints.freeOnLoopback();
        boolean clean = true;
        System.out.printf("machine: %d cores, load average %s; JDK %s; replication agents park at most %d us%n",
            Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"),
            idleMaxParkNs / 1000);
        final Map<String, Histogram> merged = new LinkedHashMap<>();
        try
        {
            // Solo first, alone: an idle pipeline still wakes its waiting stages, which would tax the pair's runs.
            try (SwitchNode solo = SwitchNode.start(
                BenchNodes.node(root.resolve("solo"), "solo", ReplicationMode.SOLO, soloDriver), bench.genesis()))
            {
                soloDriver.run("solo", solo.publisher(), rates[0], warmup);
                for (final int rate : rates)
                {
                    for (int round = 0; round < rounds; round++)
                    {
                        clean &= record(merged, soloDriver.run("solo", solo.publisher(), rate, seconds), round);
                    }
                }
            }
            try (FailoverNode primary = FailoverNode.start(BenchNodes.failover(
                    BenchNodes.node(root.resolve("a"), "a", ReplicationMode.SYNC, pairDriver), bench, true,
                    FailoverContext.StartRole.PRIMARY, endpoints, idleMaxParkNs));
                FailoverNode standby = FailoverNode.start(BenchNodes.failover(
                    BenchNodes.node(root.resolve("b"), "b", ReplicationMode.SYNC, (slot) -> { }), bench, false,
                    FailoverContext.StartRole.STANDBY, endpoints, idleMaxParkNs).automaticPromotion(false)))
            {
                final StandbyAckGate gate = primary.primary().replicationGate();
                awaitStandby(gate);
                for (final String mode : PAIR_MODES)
                {
                    run(mode, gate, primary, pairDriver, rates[0], warmup);
                }
                for (final int rate : rates)
                {
                    for (int round = 0; round < rounds; round++)
                    {
                        for (int m = 0; m < PAIR_MODES.length; m++)
                        {
                            final String mode = PAIR_MODES[(m + round) % PAIR_MODES.length];
                            clean &= record(merged, run(mode, gate, primary, pairDriver, rate, seconds), round);
                        }
                    }
                }
                System.out.printf("primary shipped %,d entries; standby applied through %,d; failures: primary %s, " +
                    "standby %s%n", primary.primary().replicationPublisher().shippedEntries(),
                    standby.standby().standbyCore().appliedSequence(), primary.failure(), standby.failure());
            }
            for (final int rate : rates)
            {
                System.out.printf("rate %,d/s, %d rounds of %.0f s per mode, merged:%n", rate, rounds, seconds);
                for (final String mode : new String[]{"solo", "async", "sync"})
                {
                    printMerged(mode, merged.get(mode + "@" + rate));
                }
                final Histogram soloHistogram = merged.get("solo@" + rate);
                final Histogram syncHistogram = merged.get("sync@" + rate);
                System.out.printf("  sync adds: p50 %+.1f us, p99 %+.1f us, p99.9 %+.1f us over solo%n",
                    delta(syncHistogram, soloHistogram, 50), delta(syncHistogram, soloHistogram, 99),
                    delta(syncHistogram, soloHistogram, 99.9));
            }
            System.out.printf("load average at the end: %s%n", loadAverage());
        }
        finally
        {
            deleteRecursively(root);
        }
        if (!clean)
        {
            System.out.println("INVALID: some request was not answered, not approved, or rejected (see the runs above)");
            System.exit(1);
        }
    }

    private static boolean record(final Map<String, Histogram> merged, final OpenLoopDriver.Result result,
        final int round)
    {
        print("  round " + (round + 1), result);
        merged.computeIfAbsent(result.label() + "@" + result.rate(),
            k -> new Histogram(result.histogram().getHighestTrackableValue(), 3)).add(result.histogram());
        return result.clean();
    }

    private static OpenLoopDriver.Result run(final String mode, final StandbyAckGate gate, final FailoverNode primary,
        final OpenLoopDriver driver, final int rate, final double seconds)
    {
        gate.mode("sync".equals(mode) ? ReplicationMode.SYNC : ReplicationMode.ASYNC);
        return driver.run(mode, primary.primary().publisher(), rate, seconds);
    }

    private static void awaitStandby(final StandbyAckGate gate)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!gate.acceptsNewWork())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the standby did not connect within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static void print(final String prefix, final OpenLoopDriver.Result result)
    {
        final Histogram h = result.histogram();
        System.out.printf("%s %-5s %,7d/s  answered %,d/%,d approved %,d rejected %d  p50 %7.1f  p99 %7.1f  " +
                "p99.9 %8.1f  max %8.1f us%n", prefix, result.label(), result.rate(), result.answered(), result.sent(),
            result.approved(), result.rejected(), us(h, 50), us(h, 99), us(h, 99.9), h.getMaxValue() / 1000.0);
    }

    private static void printMerged(final String mode, final Histogram h)
    {
        System.out.printf("  %-5s n=%,9d  p50 %7.1f  p90 %7.1f  p99 %7.1f  p99.9 %8.1f  max %8.1f us%n", mode,
            h.getTotalCount(), us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), h.getMaxValue() / 1000.0);
    }

    private static double us(final Histogram h, final double percentile)
    {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double delta(final Histogram a, final Histogram b, final double percentile)
    {
        return us(a, percentile) - us(b, percentile);
    }

    static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    static void deleteRecursively(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
