package io.tahweel.bench.replication;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.bench.support.CardTraffic;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.replication.FailoverContext;
import io.tahweel.engine.replication.FailoverNode;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.sbe.CaptureMode;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Failover time: the last answer the old primary released to the first the new primary released, with the
 * primary killed by SIGKILL under load.
 * <p>
 * Per run: the primary is a child JVM (this class with {@code primary}), a {@link FailoverNode} in SYNC with its
 * own embedded media driver, driving Authorize traffic at {@code --rate} into its own ring and printing the
 * {@link System#nanoTime()} of every answer it releases (flushed, so the last line read is the last answer a
 * client could have had). The standby is a {@link FailoverNode} in this JVM, UDP on loopback, with
 * {@code --after-promotion serve} (a SYNC node that promotes has no standby: holding would decline everything
 * until the dead node is back). At a seeded moment (1-3 s into the traffic) the child is killed; from the moment
 * this node is primary a driver here sends the same traffic (keys that never meet the child's) and the first
 * answer released is timed. Both JVMs read the same clock ({@code System.nanoTime} is CLOCK_MONOTONIC on
 * Linux, one origin per machine). Reported per run: kill → promoted (the loss threshold, 500 ms by default,
 * plus the promotion: recovering the core from the journal and opening epoch N+1), and last old answer → first
 * new answer. Not included: an acquirer noticing the dead connection and reconnecting (see {@code tahweel demo}).
 * <pre>
 *   bench/run-main.sh io.tahweel.bench.replication.FailoverTimeBench [--runs 5] [--rate 2000] [--seed 1]
 * </pre>
 */
public final class FailoverTimeBench
{
    private static final long CHILD_MESSAGES_OFFSET = 0;
    /** The new primary's keys start here: far beyond anything the child sends in a run. */
    private static final long NEW_PRIMARY_MESSAGES_OFFSET = 50_000_000;

    private FailoverTimeBench()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && "primary".equals(args[0]))
        {
            runPrimary(Path.of(args[1]), Integer.parseInt(args[2]), BenchNodes.Endpoints.parse(args, 3));
            return;
        }
        final Map<String, String> options = Options.parse(args, Map.of("--runs", "5", "--rate", "2000", "--seed", "1"));
        final int runs = Integer.parseInt(options.get("--runs"));
        final int rate = Integer.parseInt(options.get("--rate"));
        final Random random = new Random(Long.parseLong(options.get("--seed")));
        final Histogram failover = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        System.out.printf("machine: %d cores, load average %s; JDK %s; %d runs at %,d/s%n",
            Runtime.getRuntime().availableProcessors(), ReplicationLatencyBench.loadAverage(),
            System.getProperty("java.version"), runs, rate);
        for (int run = 1; run <= runs; run++)
        {
            final long killAfterMs = 1_000 + random.nextInt(2_000);
            final long nanos = oneRun(run, rate, killAfterMs);
            failover.recordValue(nanos);
        }
        System.out.printf("failover (last old answer -> first new answer) over %d runs: min %.0f ms, median %.0f ms, " +
                "max %.0f ms (load average %s)%n", runs, failover.getMinValue() / 1e6,
            failover.getValueAtPercentile(50) / 1e6, failover.getMaxValue() / 1e6, ReplicationLatencyBench.loadAverage());
    }

    private static long oneRun(final int run, final int rate, final long killAfterMs) throws Exception
    {
        final Path root = Files.createTempDirectory("tahweel-failover-bench-");
        final BenchSwitch bench = new BenchSwitch(BenchNodes.CARDS);
        final BenchNodes.Endpoints endpoints = BenchNodes.Endpoints.freeOnLoopback();
        final FirstAnswer firstNew = new FirstAnswer();
        try (FailoverNode standby = FailoverNode.start(BenchNodes.failover(
            BenchNodes.node(root.resolve("b"), "b", ReplicationMode.SYNC, firstNew), bench, false,
            FailoverContext.StartRole.STANDBY, endpoints).afterPromotion(FailoverContext.AfterPromotion.SERVE_ALONE)))
        {
            final Process child = startPrimary(root.resolve("a"), rate, endpoints);
            final AtomicLong lastOld = new AtomicLong();
            final AtomicLong oldAnswers = new AtomicLong();
            final Thread reader = readAnswers(child, lastOld, oldAnswers);
            awaitTrue(() -> oldAnswers.get() > 0, 60, "the primary's first answers");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(killAfterMs));
            final long killedAt = System.nanoTime();
            child.destroyForcibly();
            child.waitFor();
            reader.join();  // every answer line the child flushed before it died

            awaitTrue(() -> standby.role() == FailoverNode.Role.PRIMARY && null != standby.primary(), 30, "promotion");
            final long promotedAt = System.nanoTime();
            final SwitchNode primary = standby.primary();
            final Thread driver = drive(primary.publisher(), bench, rate, firstNew);
            awaitTrue(() -> firstNew.at() != 0, 30, "the new primary's first answer");
            driver.interrupt();
            driver.join();
            final long failover = firstNew.at() - lastOld.get();
            System.out.printf("run %d: killed %d ms into the traffic after %,d answers; promoted %.0f ms after the kill " +
                    "(detected + recovered); first new answer %.1f ms after that; failover %.0f ms " +
                    "(last old answer -> first new)%n", run, killAfterMs, oldAnswers.get(),
                (promotedAt - killedAt) / 1e6, (firstNew.at() - promotedAt) / 1e6, failover / 1e6);
            if (null != standby.failure())
            {
                throw new IllegalStateException("the standby failed", standby.failure());
            }
            return failover;
        }
        finally
        {
            ReplicationLatencyBench.deleteRecursively(root);
        }
    }

    /** The time of the new primary's first released authorization answer (an accepted one: a decline counts). */
    private static final class FirstAnswer implements OutcomeListener
    {
        private volatile long at;

        @Override
        public void onOutcome(final CommandSlot slot)
        {
            if (0 == at && slot.rejection() == CommandSlot.ACCEPTED && slot.outcome().type() == Outcome.AUTHORIZATION)
            {
                at = System.nanoTime();
            }
        }

        long at()
        {
            return at;
        }
    }

    private static Thread drive(final CommandPublisher publisher, final BenchSwitch bench, final int rate,
        final FirstAnswer firstNew)
    {
        final CardTraffic traffic = new CardTraffic(bench, NEW_PRIMARY_MESSAGES_OFFSET);
        final Thread driver = new Thread(() ->
        {
            long correlation = 1;
            while (!Thread.currentThread().isInterrupted() && 0 == firstNew.at())
            {
                final CommandSlot slot = publisher.claim();
                slot.length(traffic.encodeAuthorize(slot.buffer(), CaptureMode.SINGLE_MESSAGE, correlation++));
                publisher.publish(slot);
                LockSupport.parkNanos(1_000_000_000L / rate);
            }
        }, "new-primary-traffic");
        driver.start();
        return driver;
    }

    private static Thread readAnswers(final Process child, final AtomicLong lastOld, final AtomicLong oldAnswers)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII)))
            {
                String line;
                while (null != (line = lines.readLine()))
                {
                    if (line.startsWith("answer "))
                    {
                        lastOld.set(Long.parseLong(line.substring(7)));
                        oldAnswers.incrementAndGet();
                    }
                }
            }
            catch (final IOException ex)
            {
                // the pipe closes when the child dies: what was read is what the child flushed
            }
        }, "old-primary-answers");
        reader.start();
        return reader;
    }

    private static Process startPrimary(final Path dataDir, final int rate, final BenchNodes.Endpoints endpoints)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("--enable-native-access") ||
                arg.startsWith("--sun-misc") || arg.startsWith("-Xm"))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FailoverTimeBench.class.getName(),
            "primary", dataDir.toString(), Integer.toString(rate)));
        command.addAll(List.of(endpoints.asArgs()));
        Files.createDirectories(dataDir);
        return new ProcessBuilder(command).redirectError(dataDir.resolveSibling("primary.err").toFile()).start();
    }

    /** The child: primary in SYNC, its own traffic once the standby is connected, every release time printed. */
    private static void runPrimary(final Path dataDir, final int rate, final BenchNodes.Endpoints endpoints)
    {
        final PrintStream out = System.out;
        final OutcomeListener printer = slot ->
        {
            if (slot.rejection() == CommandSlot.ACCEPTED && slot.outcome().type() == Outcome.AUTHORIZATION)
            {
                out.println("answer " + System.nanoTime());
                out.flush();
            }
        };
        final BenchSwitch bench = new BenchSwitch(BenchNodes.CARDS);
        final FailoverNode node = FailoverNode.start(BenchNodes.failover(
            BenchNodes.node(dataDir, "a", ReplicationMode.SYNC, printer), bench, true, FailoverContext.StartRole.PRIMARY,
            endpoints));
        awaitTrue(() -> node.primary().replicationGate().acceptsNewWork(), 60, "a standby");
        final CardTraffic traffic = new CardTraffic(bench, CHILD_MESSAGES_OFFSET);
        final CommandPublisher publisher = node.primary().publisher();
        final long period = 1_000_000_000L / rate;
        long correlation = 1;
        long next = System.nanoTime();
        while (true)  // until killed
        {
            final CommandSlot slot = publisher.claim();
            slot.length(traffic.encodeAuthorize(slot.buffer(), CaptureMode.SINGLE_MESSAGE, correlation++));
            publisher.publish(slot);
            next += period;
            final long wait = next - System.nanoTime();
            if (wait > 0)
            {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final int seconds,
        final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
