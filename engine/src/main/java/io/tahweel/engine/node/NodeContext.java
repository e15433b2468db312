package io.tahweel.engine.node;

import io.aeron.Aeron;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.pipeline.TimerTicker;
import io.tahweel.engine.replication.Checkpoints;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.journal.replication.ReplicationContext;
import org.agrona.concurrent.EpochNanoClock;

import java.nio.file.Path;
import java.util.List;

/** Everything a {@link SwitchNode} needs to start: where its data lives and how it runs. */
public final class NodeContext
{
    private Path dataDirectory;
    private CoreContext coreContext = new CoreContext();
    private PipelineContext pipelineContext = new PipelineContext();
    private long tickIntervalMs = TimerTicker.DEFAULT_INTERVAL_MS;
    private EpochNanoClock clock;
    private OutcomeListener outcomeListener = OutcomeListener.NO_OP;
    private ReplicationMode replicationMode = ReplicationMode.SOLO;
    private ReplicationContext replicationContext = new ReplicationContext();
    private long checkpointInterval = Checkpoints.DEFAULT_INTERVAL;
    private Aeron aeron;
    private List<byte[]> startEntries = List.of();
    private SwitchCore handedOverCore;

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    public NodeContext dataDirectory(final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        return this;
    }

    public Path journalDirectory()
    {
        return dataDirectory.resolve("journal");
    }

    public Path snapshotDirectory()
    {
        return dataDirectory.resolve("snapshots");
    }

    public CoreContext coreContext()
    {
        return coreContext;
    }

    public NodeContext coreContext(final CoreContext coreContext)
    {
        this.coreContext = coreContext;
        return this;
    }

    public PipelineContext pipelineContext()
    {
        return pipelineContext;
    }

    public NodeContext pipelineContext(final PipelineContext pipelineContext)
    {
        this.pipelineContext = pipelineContext;
        return this;
    }

    /** Interval of journaled timer ticks; 0 disables the timer (tests drive ticks themselves). */
    public long tickIntervalMs()
    {
        return tickIntervalMs;
    }

    public NodeContext tickIntervalMs(final long tickIntervalMs)
    {
        this.tickIntervalMs = tickIntervalMs;
        return this;
    }

    /** The journaler's clock; the only clock that reaches the core, through entry timestamps. */
    public EpochNanoClock clock()
    {
        return clock;
    }

    public NodeContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** SOLO (no standby), ASYNC (ship, do not wait) or SYNC (answers wait for a standby's journal). */
    public ReplicationMode replicationMode()
    {
        return replicationMode;
    }

    public NodeContext replicationMode(final ReplicationMode mode)
    {
        this.replicationMode = mode;
        return this;
    }

    /** Channels and timings shared with the standby. */
    public ReplicationContext replicationContext()
    {
        return replicationContext;
    }

    public NodeContext replicationContext(final ReplicationContext context)
    {
        this.replicationContext = context;
        return this;
    }

    /** Entries between state-hash checkpoints sent to the standby; must equal the standby's. */
    public long checkpointInterval()
    {
        return checkpointInterval;
    }

    public NodeContext checkpointInterval(final long interval)
    {
        this.checkpointInterval = interval;
        return this;
    }

    public OutcomeListener outcomeListener()
    {
        return outcomeListener;
    }

    public NodeContext outcomeListener(final OutcomeListener outcomeListener)
    {
        this.outcomeListener = outcomeListener;
        return this;
    }

    /**
     * An Aeron client (of a media driver the caller owns) to replicate through, e.g. one kept by a
     * {@code FailoverNode} across role changes; null (the default) launches an embedded driver under
     * the data directory, closed with the node.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    public NodeContext aeron(final Aeron aeron)
    {
        this.aeron = aeron;
        return this;
    }

    /**
     * Encoded commands journaled on every start, after genesis and before the timer or any producer
     * can publish: e.g. the EpochStart of a promoted node, which must be the first entry of its epoch.
     * They answer no client, so they are not held for a standby.
     */
    public List<byte[]> startEntries()
    {
        return startEntries;
    }

    public NodeContext startEntries(final List<byte[]> entries)
    {
        this.startEntries = List.copyOf(entries);
        return this;
    }

    /**
     * A core already applied through some sequence of this node's journal, e.g. a promoted standby's hot core:
     * the next {@link SwitchNode#start} continues it with the journal's tail instead of loading a snapshot and
     * replaying, so a promotion does not depend on the journal's length. Used once, then forgotten. Only a core
     * that nothing else touches any more (its standby thread stopped) may be handed over.
     */
    public NodeContext handOverCore(final SwitchCore core)
    {
        this.handedOverCore = core;
        return this;
    }

    /** The handed-over core, if any, which the context forgets. */
    SwitchCore takeHandedOverCore()
    {
        final SwitchCore core = handedOverCore;
        handedOverCore = null;
        return core;
    }
}
