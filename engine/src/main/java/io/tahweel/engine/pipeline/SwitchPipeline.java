package io.tahweel.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.replication.ReplicationGate;
import io.tahweel.journal.Journal;
import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole pipeline in one place.
 * <pre>
 *  producers (gateways, timer, admin, demo; any thread)
 *      | claim slot, encode SBE command in place, publish
 *      v
 *  [ Disruptor input ring: multi-producer, pre-allocated CommandSlots ]
 *      |
 *      1 JournalerStage  envelope check, stamp sequence/epoch/time, append to Chronicle Queue
 *      2 CoreStage       SwitchCore.onEntry: the single thread that owns all business state
 *      3 OutputStage     OutcomeListener: responses released only after the entry is journaled
 *                        (and, in sync replication, journaled by a standby: the ReplicationGate)
 * </pre>
 * Stages run on their own threads in this order for every slot; a slot is reused only after
 * stage 3 has seen it. A failure in any stage is fatal: it is reported to the fatal handler and
 * the pipeline stops taking work, because continuing could answer from a state the journal
 * does not explain.
 */
public final class SwitchPipeline implements AutoCloseable
{
    private static final long JOIN_TIMEOUT_MS = 30_000;

    private final Disruptor<CommandSlot> disruptor;
    private final java.util.List<Thread> stageThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CommandPublisher publisher;
    private final OutputStage outputStage;
    private final ReplicationGate gate;
    private final CoreSnapshotter snapshotter;
    private volatile Throwable fatal;

    public SwitchPipeline(
        final PipelineContext context,
        final Journal journal,
        final SwitchCore core,
        final CoreSnapshotter snapshotter,
        final OutcomeListener listener,
        final EpochNanoClock clock)
    {
        this.snapshotter = snapshotter;
        final ThreadFactory threads = namedThreads(context.name(), stageThreads);
        disruptor = new Disruptor<>(CommandSlot::new, context.ringSize(), threads, ProducerType.MULTI,
            WaitStrategies.named(context.waitStrategy()));
        disruptor.setDefaultExceptionHandler(new FatalHandler(context.fatalHandler()));
        gate = context.replicationGate();
        outputStage = new OutputStage(listener, gate);
        disruptor
            .handleEventsWith(new JournalerStage(journal, clock, context.epoch(), core.lastTimestamp(),
                context.replicationGate()))
            .then(new CoreStage(core, snapshotter, context.snapshotInterval(), context.checkpointer()))
            .then(outputStage);
        final RingBuffer<CommandSlot> ring = disruptor.start();
        publisher = new CommandPublisher(ring);
    }

    public CommandPublisher publisher()
    {
        return publisher;
    }

    /** The failure that stopped the pipeline, or null while it is healthy. */
    public Throwable fatal()
    {
        return fatal;
    }

    /**
     * Processes everything already published, then stops the stage threads and waits for them,
     * so the core's closing snapshot is on disk before the journal is closed.
     */
    @Override
    public void close()
    {
        if (!gate.acceptsNewWork())
        {
            outputStage.stop(); // no standby (or fenced): held answers will never be released, do not wait for them
        }
        try
        {
            // Answers still waiting for a standby's acknowledgement are not released once closing.
            disruptor.shutdown(5, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            outputStage.stop();
        }
        try
        {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            disruptor.halt();
        }
        for (final Thread thread : stageThreads)
        {
            try
            {
                thread.join(JOIN_TIMEOUT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
        snapshotter.close(); // after the core thread: its closing snapshot is written; no other is in flight
    }

    private static ThreadFactory namedThreads(final String name, final java.util.List<Thread> created)
    {
        final String[] stageNames = {"journaler", "core", "output"};
        return new ThreadFactory()
        {
            private int count;

            @Override
            public synchronized Thread newThread(final Runnable runnable)
            {
                final String stage = count < stageNames.length ? stageNames[count] : "stage-" + count;
                count++;
                final Thread thread = new Thread(runnable, name + "-" + stage);
                thread.setDaemon(true);
                created.add(thread);
                return thread;
            }
        };
    }

    private final class FatalHandler implements ExceptionHandler<CommandSlot>
    {
        private final Consumer<Throwable> onFatal;

        FatalHandler(final Consumer<Throwable> onFatal)
        {
            this.onFatal = onFatal;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandSlot slot)
        {
            fatal = ex;
            onFatal.accept(ex);
            throw new IllegalStateException("pipeline stopped at ring sequence " + sequence, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            fatal = ex;
            onFatal.accept(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            onFatal.accept(ex);
        }
    }
}
