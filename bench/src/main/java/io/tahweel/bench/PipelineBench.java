package io.tahweel.bench;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.bench.support.CardTraffic;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.CaptureMode;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The whole solo-node pipeline, sustained: a producer thread encodes single-message Authorize
 * commands into ring slots; the journaler stage stamps and appends each to a real Chronicle
 * Queue journal (in a temp directory, deleted afterwards); the core stage decides; the output
 * stage releases the outcome to an {@link OutcomeListener}. Started through
 * {@link SwitchNode#start} with the genesis of {@link BenchSwitch} (10,000 funded cards), the
 * timer disabled and automatic snapshots off.
 * <p>
 * Each invocation publishes {@link #BATCH} commands (claiming blocks when the 16K ring is full:
 * real back-pressure) and then waits until the output stage has released the last of them, so
 * the score is commands per second that went all the way through journal and core and out.
 * The producer waits by spinning briefly, then parking 10 µs at a time, so it does not take a
 * core from the stages on a 2-core machine. {@code waitStrategy} is the ring consumers' wait
 * strategy; blocking and sleeping run in the same JMH run so their ratio is meaningful. The
 * {@code window} sizes the core's rings (see {@link CoreAuthorizationBench}). The
 * tear-down prints the approval ratio and fails the run if any command was declined or the
 * pipeline failed.
 * <p>
 * <b>Does not measure:</b> latency (see the load generator), network gateways, fsync (Chronicle
 * appends to the page cache; durability here is that of the page cache), snapshots, timer
 * ticks, replication. The journal's disk usage is about 250 bytes per command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Xms2g", "-Xmx2g",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true"})
public class PipelineBench
{
    /** Commands per invocation; well under the ring size so a batch never waits on itself. */
    public static final int BATCH = 4096;
    private static final int CARDS = 10_000;

    @Param({"blocking", "sleeping"})
    public String waitStrategy;

    /**
     * Capacity of the core's authorization book and transfer ring, as in
     * {@link CoreAuthorizationBench}: 524288 is the production default; 16384 makes the core
     * stage about twice as fast, which shows whether the pipeline is bound by the core.
     */
    @Param({"524288", "16384"})
    public int window;

    private Path dataDirectory;
    private SwitchNode node;
    private CommandPublisher publisher;
    private CardTraffic traffic;
    private long published;
    private long firstSequence;
    private long outputs;   // written by the output stage thread only
    private long approved;  // idem; read after close()

    @Setup
    public void setUp() throws IOException
    {
        final BenchSwitch bench = new BenchSwitch(CARDS);
        dataDirectory = Files.createTempDirectory("tahweel-pipeline-bench-");
        final OutcomeListener listener = slot ->
        {
            outputs++;
            if (slot.outcome().result() == AuthorizationResult.APPROVED.value())
            {
                approved++;
            }
        };
        node = SwitchNode.start(new NodeContext()
            .dataDirectory(dataDirectory)
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(0)
            .coreContext(new CoreContext().authorizationCapacity(window).transferCapacity(window))
            .outcomeListener(listener)
            .pipelineContext(new PipelineContext().name("bench").waitStrategy(waitStrategy).snapshotInterval(0)),
            bench.genesis());
        publisher = node.publisher();
        traffic = new CardTraffic(bench);
        firstSequence = node.lastOutputSequence();
        published = firstSequence;
        outputs = 0;
        approved = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publishBatchAndAwait()
    {
        for (int i = 0; i < BATCH; i++)
        {
            final CommandSlot slot = publisher.claim();
            slot.length(traffic.encodeAuthorize(slot.buffer(), CaptureMode.SINGLE_MESSAGE, ++published));
            publisher.publish(slot);
        }
        final long target = published;
        int spins = 0;
        while (node.lastOutputSequence() < target)
        {
            if (++spins < 100)
            {
                Thread.onSpinWait();
            }
            else
            {
                if (node.fatal() != null)
                {
                    throw new IllegalStateException("pipeline failed", node.fatal());
                }
                LockSupport.parkNanos(10_000);
            }
        }
        return target;
    }

    @TearDown
    public void tearDown() throws IOException
    {
        final long journaled = node.journal().lastSequence();
        node.close();
        final Throwable fatal = node.fatal();
        final long commands = published - firstSequence;
        System.out.printf("%n[PipelineBench waitStrategy=%s window=%d] commands=%d journaled=%d outputs=%d approved=%d (%.4f%%)%n",
            waitStrategy, window, commands, journaled, outputs, approved, 100.0 * approved / Math.max(1, commands));
        deleteRecursively(dataDirectory);
        if (fatal != null || approved != commands)
        {
            throw new IllegalStateException("pipeline bench invalid: " + approved + " of " + commands + " approved", fatal);
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path ->
            {
                try
                {
                    Files.delete(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}
