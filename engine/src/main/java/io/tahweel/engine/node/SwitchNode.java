package io.tahweel.engine.node;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.SwitchPipeline;
import io.tahweel.engine.pipeline.TimerTicker;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.TransferResult;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One switch node on one machine, in solo mode: journal, snapshots, recovery, the pipeline and
 * the timer. Start order: open the journal, recover the core (snapshot + tail), validate and
 * apply the genesis commands if the journal is empty, then take traffic.
 */
public final class SwitchNode implements AutoCloseable
{
    private static final long AWAIT_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final NodeContext context;
    private final Journal journal;
    private final SnapshotStore snapshots;
    private final SwitchPipeline pipeline;
    private final TimerTicker ticker;
    private final PrimaryReplication replication;
    private final long recoveredSequence;
    private final boolean continuedHandedOverCore;
    private volatile long lastOutputSequence;
    private volatile boolean closed;

    private SwitchNode(final NodeContext context, final List<byte[]> genesis)
    {
        this.context = context;
        PrimaryReplication startedReplication = null;
        journal = new Journal(new JournalContext().directory(context.journalDirectory()));
        try
        {
            snapshots = new SnapshotStore(context.snapshotDirectory());
            final SwitchCore handedOver = context.takeHandedOverCore();
            continuedHandedOverCore = null != handedOver && handedOver.lastSequence() <= journal.lastSequence();
            final SwitchCore core = continuedHandedOverCore ? continueWithTail(handedOver, journal) :
                Recovery.recover(context.coreContext(), journal, snapshots);
            recoveredSequence = core.lastSequence();
            lastOutputSequence = recoveredSequence;
            final boolean atGenesis = journal.lastSequence() == 0;
            if (atGenesis)
            {
                validateGenesis(genesis);
            }
            startedReplication = context.replicationMode() == ReplicationMode.SOLO ? null :
                new PrimaryReplication(context.replicationMode(), context.replicationContext(), context.dataDirectory(),
                    context.journalDirectory(), context.pipelineContext().epoch(), context.checkpointInterval(),
                    core.context(), context.pipelineContext().fatalHandler(), context.aeron());
            replication = startedReplication;
            if (replication != null)
            {
                context.pipelineContext().replicationGate(replication.gate()).checkpointer(replication.checkpointer());
            }
            final OutcomeListener userListener = context.outcomeListener();
            pipeline = new SwitchPipeline(context.pipelineContext(), journal, core, new CoreSnapshotter(snapshots),
                slot ->
                {
                    userListener.onOutcome(slot);
                    if (slot.rejection() == CommandSlot.ACCEPTED)
                    {
                        lastOutputSequence = slot.sequence();
                    }
                },
                context.clock());
            if (atGenesis && !genesis.isEmpty())
            {
                // The bootstrap answers no client: it is not held for a standby, which catches up from the journal.
                if (replication != null)
                {
                    replication.gate().mode(ReplicationMode.SOLO);
                }
                applyGenesis(genesis);
                if (replication != null)
                {
                    replication.gate().mode(context.replicationMode());
                }
            }
            if (!context.startEntries().isEmpty())
            {
                applyStartEntries(context.startEntries());
            }
            ticker = context.tickIntervalMs() > 0 ?
                new TimerTicker(pipeline.publisher(), context.tickIntervalMs(), context.pipelineContext().name()) : null;
        }
        catch (final RuntimeException ex)
        {
            if (startedReplication != null)
            {
                startedReplication.close();
            }
            journal.close();
            throw ex;
        }
    }

    private static SwitchCore continueWithTail(final SwitchCore core, final Journal journal)
    {
        Recovery.replay(core, journal, journal.lastSequence());
        return core;
    }

    /** True when this node continued a handed-over core ({@link NodeContext#handOverCore}) instead of recovering. */
    public boolean continuedHandedOverCore()
    {
        return continuedHandedOverCore;
    }

    /**
     * Starts a node. {@code genesis} (encoded admin commands, e.g. from a bootstrap file) is
     * applied only when the journal is empty, and only if the core accepts every one of them:
     * otherwise {@link GenesisRejectedException} is thrown and nothing is journaled.
     */
    public static SwitchNode start(final NodeContext context, final List<byte[]> genesis)
    {
        if (context.dataDirectory() == null || context.clock() == null)
        {
            throw new IllegalArgumentException("a node needs a data directory and a clock");
        }
        return new SwitchNode(context, genesis);
    }

    public CommandPublisher publisher()
    {
        return pipeline.publisher();
    }

    /** Sequence the core had reached from disk before this node took traffic. */
    public long recoveredSequence()
    {
        return recoveredSequence;
    }

    /** Sequence of the last entry whose outcome was released. */
    public long lastOutputSequence()
    {
        return lastOutputSequence;
    }

    /**
     * Waits until the outcome of {@code sequence} has been released; false on timeout or pipeline
     * failure. The wait is bounded by a count of short parks, not by reading a clock: engine/
     * reads no clock outside the journaler.
     */
    public boolean awaitOutput(final long sequence, final long timeout, final TimeUnit unit)
    {
        final long maxParks = Math.max(1, unit.toNanos(timeout) / AWAIT_PARK_NANOS);
        for (long parks = 0; lastOutputSequence < sequence; parks++)
        {
            if (pipeline.fatal() != null || parks >= maxParks)
            {
                return false;
            }
            LockSupport.parkNanos(AWAIT_PARK_NANOS);
        }
        return true;
    }

    public Throwable fatal()
    {
        return pipeline.fatal();
    }

    public Journal journal()
    {
        return journal;
    }

    public SnapshotStore snapshots()
    {
        return snapshots;
    }

    public NodeContext context()
    {
        return context;
    }

    /** Stops the timer, drains the ring (the core takes a last snapshot), closes the journal. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (ticker != null)
        {
            ticker.close();
        }
        pipeline.close();
        if (replication != null)
        {
            replication.close();
        }
        journal.close();
    }

    /** The replication mode's gate, or null in solo mode (operators switch SYNC to SOLO through it). */
    public io.tahweel.engine.replication.StandbyAckGate replicationGate()
    {
        return replication == null ? null : replication.gate();
    }

    /**
     * The primary's replication publisher (epoch, standby liveness, highest epoch a standby reported),
     * or null in solo mode.
     */
    public io.tahweel.journal.replication.ReplicationPublisher replicationPublisher()
    {
        return replication == null ? null : replication.publisher();
    }

    /** Like the genesis: journaled first, answering no client, so not held for a standby. */
    private void applyStartEntries(final List<byte[]> entries)
    {
        if (replication != null)
        {
            replication.gate().mode(ReplicationMode.SOLO);
        }
        final long first = lastOutputSequence + 1;
        final CommandPublisher publisher = pipeline.publisher();
        for (final byte[] command : entries)
        {
            final CommandSlot slot = publisher.claim();
            slot.buffer().putBytes(0, command);
            slot.length(command.length);
            publisher.publish(slot);
        }
        if (!awaitOutput(first + entries.size() - 1, 60, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("start entries did not complete: " + pipeline.fatal());
        }
        if (replication != null)
        {
            replication.gate().mode(context.replicationMode());
        }
    }

    private void validateGenesis(final List<byte[]> genesis)
    {
        final SwitchCore scratch = new SwitchCore(context.coreContext());
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandSlot.MAX_ENTRY_LENGTH]);
        final EntryHeaderEncoder header = new EntryHeaderEncoder();
        final Outcome outcome = new Outcome();
        final long now = context.clock().nanoTime();
        for (int i = 0; i < genesis.size(); i++)
        {
            final byte[] command = genesis.get(i);
            if (command.length > CommandSlot.MAX_ENTRY_LENGTH)
            {
                throw new GenesisRejectedException(i, "entry longer than " + CommandSlot.MAX_ENTRY_LENGTH + " bytes");
            }
            buffer.putBytes(0, command);
            header.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).sequence(i + 1).timestamp(now);
            try
            {
                scratch.onEntry(buffer, 0, command.length, outcome);
            }
            catch (final RuntimeException ex)
            {
                throw new GenesisRejectedException(i, ex.getMessage());
            }
            final String failure = failure(outcome);
            if (failure != null)
            {
                throw new GenesisRejectedException(i, failure);
            }
        }
    }

    private static String failure(final Outcome outcome)
    {
        if (outcome.type() == Outcome.ADMIN && outcome.result() != AdminResult.OK.value())
        {
            return AdminResult.get(outcome.result()).name();
        }
        if (outcome.type() == Outcome.TRANSFER && outcome.result() != TransferResult.OK.value())
        {
            return TransferResult.get(outcome.result()).name();
        }
        if (outcome.type() == Outcome.AUTHORIZATION)
        {
            return "card traffic is not allowed in a bootstrap";
        }
        return null;
    }

    private void applyGenesis(final List<byte[]> genesis)
    {
        final CommandPublisher publisher = pipeline.publisher();
        for (final byte[] command : genesis)
        {
            final CommandSlot slot = publisher.claim();
            slot.buffer().putBytes(0, command);
            slot.length(command.length);
            publisher.publish(slot);
        }
        final long last = recoveredSequence + genesis.size();
        if (!awaitOutput(last, 60, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("genesis did not complete: " + pipeline.fatal());
        }
    }
}
