package io.tahweel.engine.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.journal.replication.ReplicationFrames;
import io.tahweel.journal.replication.ReplicationMedia;
import io.tahweel.journal.replication.ReplicationPublisher;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.EpochStartEncoder;
import io.tahweel.sbe.EpochStartReason;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.Source;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One node of a primary/standby pair that fails over by itself.
 *
 * <pre>
 *                 primary's heartbeats lost for the loss threshold, or promote()
 *   STANDBY ─────────────────────────────────────────────────────────────────► PRIMARY
 *  (StandbyNode:    stop following; epoch = highest seen + 1; start a SwitchNode     (SwitchNode in SYNC/ASYNC,
 *   follower +      on this node's journal (it holds everything acknowledged);       EpochStart journaled first)
 *   hot core)       journal EpochStart(previousEpoch, previousEpochLastSequence)        │
 *      ▲                                                                                 │ a frame of a higher epoch
 *      │ rejoin: ask the primary to ship from inside this node's last epoch, compare    │ (the new primary ships to
 *      │ entries; truncate the journal after the primary's EpochStart                   │ this node's entry endpoint,
 *      │ .previousEpochLastSequence (the unacknowledged tail); drop later snapshots     │ or its standby reports it),
 *      └──────────────────────────────────────────────────────────────────────────── or demote(): fence the gate
 *                                                                                       (no new work, no answer
 *                                                                                        released), close the node
 * </pre>
 *
 * A node started as STANDBY with a non-empty journal rejoins first (a restarted former primary
 * discards its unacknowledged tail this way). A standby promotes itself only after it has heard a
 * primary since it started: two standbys starting together never both promote.
 *
 * <p>One Aeron client serves every role for the node's life (an embedded driver under the data
 * directory unless {@link FailoverContext#aeron} gives one). The transitions run on one failover
 * thread, which parks 1 ms between checks (never spins); callbacks run on it.
 */
public final class FailoverNode implements AutoCloseable
{
    /** Where a node is. */
    public enum Role
    {
        /** Asking the primary where its journal meets this node's, and truncating. */
        REJOINING,
        STANDBY,
        /** Stopping following and starting the primary. */
        PROMOTING,
        PRIMARY,
        /** Fenced after learning of a higher epoch; closing the primary before rejoining. */
        STEPPING_DOWN,
        /** Stopped by a failure (see {@link #failure()}) or closed. */
        STOPPED
    }

    private static final Logger LOGGER = System.getLogger(FailoverNode.class.getName());
    private static final long CHECK_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long REJOIN_ATTEMPT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int ENTRY_EPOCH_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderDecoder.epochEncodingOffset();

    private final FailoverContext context;
    private final ReplicationMedia ownMedia;
    private final Aeron aeron;
    private final Thread thread;

    private StandbyNode standby;
    private SwitchNode primary;
    private Subscription epochWatch;
    private final FragmentHandler epochWatchHandler = (buffer, offset, length, header) ->
    {
        if (null == ReplicationFrames.checkFrame(buffer, offset, length))
        {
            noteEpoch(ReplicationFrames.epoch(buffer, offset));
        }
    };
    private boolean primarySeen;
    /** Serving alone after a promotion (see {@link FailoverContext.AfterPromotion#SERVE_ALONE}): SYNC is restored on catch-up. */
    private boolean syncRestorePending;
    /** What the primary had answered at the last check: a standby whose ack reaches it has caught up. */
    private long catchUpMark = Long.MAX_VALUE;

    private volatile Role role;
    private volatile int epoch;
    private volatile int highestEpochSeen;
    private volatile boolean promoteRequested;
    private volatile boolean demoteRequested;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private volatile long promotions;
    private volatile long stepDowns;
    private volatile long lastDiscardedEntries;
    private volatile SwitchNode primaryView;
    private volatile StandbyNode standbyView;

    private FailoverNode(final FailoverContext context)
    {
        context.validate();
        this.context = context;
        ownMedia = null == context.aeron() ?
            ReplicationMedia.launchEmbedded(context.node().dataDirectory().resolve("aeron"),
                context.timings().idleMaxParkNs()) : null;
        aeron = null == ownMedia ? context.aeron() : ownMedia.aeron();
        epoch = Math.max(1, context.node().pipelineContext().epoch());
        highestEpochSeen = epoch;
        role = context.startRole() == FailoverContext.StartRole.PRIMARY ? Role.PRIMARY : Role.REJOINING;
        thread = new Thread(this::run, "tahweel-failover-" + context.nodeId());
        thread.setDaemon(true);
    }

    /**
     * Start a node in its configured role. A PRIMARY is running when this returns; a STANDBY rejoins
     * and starts following on the failover thread (see {@link #role()}).
     */
    public static FailoverNode start(final FailoverContext context)
    {
        final FailoverNode node = new FailoverNode(context);
        try
        {
            if (node.role == Role.PRIMARY)
            {
                node.epoch = Math.max(node.epoch, node.lastJournaledEpoch());
                node.startPrimary(List.of(), context.genesis());
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.close(node.ownMedia);
            throw ex;
        }
        node.thread.start();
        return node;
    }

    public Role role()
    {
        return role;
    }

    /** The epoch this node leads (primary) or last led or followed. */
    public int epoch()
    {
        return epoch;
    }

    /** The highest epoch this node has heard of. */
    public int highestEpochSeen()
    {
        return highestEpochSeen;
    }

    /** The running primary, or null when not primary. */
    public SwitchNode primary()
    {
        return primaryView;
    }

    /** The running standby, or null when not standby. */
    public StandbyNode standby()
    {
        return standbyView;
    }

    /** What stopped the node, or null. */
    public RuntimeException failure()
    {
        return failure;
    }

    public long promotions()
    {
        return promotions;
    }

    public long stepDowns()
    {
        return stepDowns;
    }

    /** Entries the last rejoin discarded (the unacknowledged tail). */
    public long lastDiscardedEntries()
    {
        return lastDiscardedEntries;
    }

    /** Operator: promote this standby now, whatever the primary's heartbeats say. Never on both nodes. */
    public void promote()
    {
        promoteRequested = true;
    }

    /** Operator: a primary steps down and rejoins as standby (of whichever node is promoted). */
    public void demote()
    {
        demoteRequested = true;
    }

    /**
     * Stop the failover thread, then whatever role is running, then the media. A primary drains its
     * ring; answers no standby acknowledged are not released.
     */
    @Override
    public void close()
    {
        closing = true;
        LockSupport.unpark(thread);
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        stopRoles();
        role = Role.STOPPED;
        CloseHelper.close(ownMedia);
    }

    private void run()
    {
        try
        {
            while (!closing && role != Role.STOPPED)
            {
                switch (role)
                {
                    case REJOINING -> rejoin();
                    case STANDBY -> checkStandby();
                    case PRIMARY -> checkPrimary();
                    default -> { }
                }
                LockSupport.parkNanos(CHECK_PARK_NS);
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            role = Role.STOPPED;
            LOGGER.log(Level.ERROR, "FAILOVER NODE " + context.nodeId() + " STOPPED: " + ex.getMessage(), ex);
        }
    }

    private void checkStandby()
    {
        final RuntimeException standbyFailure = standby.failure();
        if (null != standbyFailure)
        {
            throw new IllegalStateException("standby stopped: " + standbyFailure.getMessage(), standbyFailure);
        }
        noteEpoch(standby.follower().leaderEpoch());
        final boolean alive = standby.follower().isPrimaryAlive();
        primarySeen |= alive;
        if (promoteRequested)
        {
            promote(EpochStartReason.OPERATOR);
        }
        else if (context.automaticPromotion() && primarySeen && !alive)
        {
            promote(EpochStartReason.PROMOTED);
        }
    }

    private void checkPrimary()
    {
        if (null != epochWatch)
        {
            epochWatch.poll(epochWatchHandler, 16);
        }
        final ReplicationPublisher publisher = primary.replicationPublisher();
        if (null != publisher)
        {
            noteEpoch(publisher.highestEpochSeen());
        }
        if (highestEpochSeen > epoch || demoteRequested)
        {
            stepDown();
            return;
        }
        if (syncRestorePending && null != publisher)
        {
            restoreSyncOnCatchUp(publisher, primary.replicationGate());
        }
    }

    /**
     * Back to SYNC once a standby acknowledges everything answered one check (1 ms) ago: from then on
     * its lag is short, so holding answers for its acks adds little. An operator's own mode switch meanwhile wins.
     */
    private void restoreSyncOnCatchUp(final ReplicationPublisher publisher, final StandbyAckGate gate)
    {
        if (gate.mode() != ReplicationMode.ASYNC || gate.isFenced())
        {
            syncRestorePending = false;
            return;
        }
        if (publisher.isStandbyAlive() && gate.ackedSequence() >= catchUpMark)
        {
            gate.mode(ReplicationMode.SYNC);
            syncRestorePending = false;
            LOGGER.log(Level.WARNING, "node {0}: a standby has caught up at sequence {1}; back to SYNC",
                context.nodeId(), gate.ackedSequence());
            return;
        }
        catchUpMark = Math.max(1, primary.lastOutputSequence());
    }

    private void promote(final EpochStartReason reason)
    {
        promoteRequested = false;
        role = Role.PROMOTING;
        final int previousEpoch = Math.max(highestEpochSeen, standby.follower().leaderEpoch());
        final StandbyCore hot = standby.standbyCore();
        stopRoles();
        if (null == hot.failure())
        {
            // The standby's core has applied (nearly) all it journaled: the primary continues it, no replay.
            context.node().handOverCore(hot.core());
        }
        final int newEpoch = Math.max(previousEpoch, lastJournaledEpoch()) + 1;
        final long previousLast = lastJournaledSequence();
        LOGGER.log(Level.WARNING, "node {0} PROMOTING ({1}): epoch {2} -> {3}, previous epoch ends at sequence {4}",
            context.nodeId(), reason, previousEpoch, newEpoch, previousLast);
        epoch = newEpoch;
        noteEpoch(newEpoch);
        startPrimary(List.of(epochStart(previousEpoch, previousLast, reason)), context.genesis());
        if (context.afterPromotion() == FailoverContext.AfterPromotion.SERVE_ALONE &&
            context.node().replicationMode() == ReplicationMode.SYNC && null != primary.replicationGate())
        {
            primary.replicationGate().mode(ReplicationMode.ASYNC);
            syncRestorePending = true;
            catchUpMark = Long.MAX_VALUE;
            LOGGER.log(Level.WARNING, "node {0}: serving alone (ASYNC) until a standby catches up", context.nodeId());
        }
        role = Role.PRIMARY;  // only now: whoever sees PRIMARY sees the mode it serves in
        promotions++;
        context.onPromoted().accept(primary);
    }

    private void stepDown()
    {
        demoteRequested = false;
        role = Role.STEPPING_DOWN;
        LOGGER.log(Level.WARNING, "node {0} STEPPING DOWN: epoch {1} seen, this primary led epoch {2}",
            context.nodeId(), highestEpochSeen, epoch);
        final StandbyAckGate gate = primary.replicationGate();
        if (null != gate)
        {
            gate.fence();
        }
        context.onSteppingDown().run();
        stopRoles();
        stepDowns++;
        role = Role.REJOINING;
    }

    private void rejoin()
    {
        context.node().handOverCore(null);  // a core from an earlier term must never meet a rewritten journal
        if (0 == lastJournaledSequence())
        {
            startStandby(Math.max(epoch, highestEpochSeen));
            role = Role.STANDBY;
            return;
        }
        final RejoinProbe.Result result;
        try (Journal journal = new Journal(journalContext().readOnly(true)))
        {
            result = new RejoinProbe(context.asStandby(Math.max(epoch, highestEpochSeen)), aeron, journal)
                .run(REJOIN_ATTEMPT_TIMEOUT_NS, () -> closing);
        }
        if (null == result)
        {
            return;
        }
        if (result.discarded() > 0)
        {
            Journal.truncateAfter(journalContext(), result.keepThrough());
            dropSnapshotsAfter(result.keepThrough());
        }
        lastDiscardedEntries = result.discarded();
        noteEpoch(result.leaderEpoch());
        epoch = result.leaderEpoch();
        startStandby(result.leaderEpoch());
        role = Role.STANDBY;
        if (stepDowns > 0)
        {
            context.onDemoted().run();
        }
    }

    private void startStandby(final int leaderEpoch)
    {
        final NodeContext node = context.node();
        primarySeen = false;
        standby = new StandbyNode(context.asStandby(leaderEpoch), aeron, node.journalDirectory(),
            node.snapshotDirectory(), node.coreContext(), node.checkpointInterval(),
            node.pipelineContext().snapshotInterval(),
            () -> new BackoffIdleStrategy(10, 5, 1_000, context.timings().idleMaxParkNs()),
            ex -> LOGGER.log(Level.ERROR, "standby error", ex));
        standbyView = standby;
    }

    private void startPrimary(final List<byte[]> startEntries, final List<byte[]> genesis)
    {
        final NodeContext node = context.node();
        node.pipelineContext().epoch(epoch);
        node.replicationContext(context.asPrimary(epoch)).aeron(aeron).startEntries(startEntries);
        primary = SwitchNode.start(node, genesis);
        primaryView = primary;
        // A promoted peer ships its entries to this node's entry endpoint: hearing them means a higher epoch.
        epochWatch = aeron.addSubscription(context.localEntryChannel(), context.timings().entryStreamId());
    }

    private void stopRoles()
    {
        syncRestorePending = false;
        if (null != epochWatch)
        {
            CloseHelper.quietClose(epochWatch);
            epochWatch = null;
        }
        if (null != primary)
        {
            primaryView = null;
            final ReplicationPublisher publisher = primary.replicationPublisher();
            if (null != publisher && !publisher.isStandbyAlive() && null != primary.replicationGate())
            {
                // No standby will acknowledge what is still held: release nothing more, and stop at once.
                primary.replicationGate().fence();
            }
            primary.close();
            primary = null;
        }
        if (null != standby)
        {
            standbyView = null;
            standby.close();
            standby = null;
        }
    }

    private void noteEpoch(final int seen)
    {
        if (seen > highestEpochSeen)
        {
            highestEpochSeen = seen;
        }
    }

    private byte[] epochStart(final int previousEpoch, final long previousLast, final EpochStartReason reason)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH +
            EpochStartEncoder.BLOCK_LENGTH]);
        final EpochStartEncoder encoder = new EpochStartEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.header().source(Source.INTERNAL).correlationId(0).connectionId(0);
        encoder.previousEpoch(previousEpoch).previousEpochLastSequence(previousLast).nodeId(context.nodeId())
            .reason(reason);
        return buffer.byteArray().clone();
    }

    private JournalContext journalContext()
    {
        return new JournalContext().directory(context.node().journalDirectory());
    }

    private long lastJournaledSequence()
    {
        if (!Files.exists(context.node().journalDirectory()))
        {
            return 0;
        }
        try (Journal journal = new Journal(journalContext().readOnly(true)))
        {
            return journal.lastSequence();
        }
    }

    private int lastJournaledEpoch()
    {
        if (!Files.exists(context.node().journalDirectory()))
        {
            return 0;
        }
        try (Journal journal = new Journal(journalContext().readOnly(true)))
        {
            final long last = journal.lastSequence();
            final int[] lastEpoch = new int[1];
            if (last > 0)
            {
                journal.read(last, (b, o, l, s) -> lastEpoch[0] = b.getInt(o + ENTRY_EPOCH_OFFSET));
            }
            return lastEpoch[0];
        }
    }

    /** A snapshot taken after the truncation point holds discarded entries: it must never be recovered from. */
    private void dropSnapshotsAfter(final long sequence)
    {
        final SnapshotStore snapshots = new SnapshotStore(context.node().snapshotDirectory());
        for (final long snapshotSequence : snapshots.sequences())
        {
            if (snapshotSequence > sequence)
            {
                try
                {
                    Files.deleteIfExists(snapshots.fileFor(snapshotSequence));
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot drop snapshot " + snapshotSequence, ex);
                }
            }
        }
    }
}
