package io.tahweel.engine.replication;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.aeron.Aeron;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.journal.replication.ReplicationFollower;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * A hot standby on one machine: the follower journals what the primary ships and acknowledges it;
 * the standby core applies what has been journaled, outputs suppressed, and checks the primary's
 * state checkpoints. Each has its own thread: the core's state hash at a checkpoint serialises the
 * whole state (tens to hundreds of milliseconds at production sizes), and the follower must keep
 * journaling, acknowledging and sending heartbeats meanwhile, or a SYNC primary holds every answer
 * for that long and may think its standby lost.
 *
 * <p>Start order: open the writable journal (the follower's), recover the core from the newest
 * usable snapshot and the journal tail, open a read-only journal for the core to tail, then start
 * following. A restart therefore resumes from what this node had journaled; the follower asks the
 * primary for the rest.
 */
public final class StandbyNode implements AutoCloseable
{
    private final Journal journal;
    private final Journal coreJournal;
    private final ReplicationFollower follower;
    private final StandbyCore standbyCore;
    private final AgentRunner followerRunner;
    private final AgentRunner coreRunner;

    /**
     * @param replication        channels and timings agreed with the primary.
     * @param aeron              client of this node's media driver.
     * @param journalDirectory   the standby's journal.
     * @param snapshotDirectory  snapshots to recover the core from (may be empty), and where it writes its own.
     * @param coreContext        capacities; must match the primary's.
     * @param checkpointInterval entries between state checkpoints; must match the primary's.
     * @param snapshotInterval   entries between this standby's own snapshots; 0 for none.
     * @param idleStrategies     one for each of the standby's two threads: non-spinning (backoff or sleeping).
     * @param errorHandler       told of anything that stops the standby.
     */
    public StandbyNode(
        final ReplicationContext replication,
        final Aeron aeron,
        final Path journalDirectory,
        final Path snapshotDirectory,
        final CoreContext coreContext,
        final long checkpointInterval,
        final long snapshotInterval,
        final Supplier<IdleStrategy> idleStrategies,
        final ErrorHandler errorHandler)
    {
        journal = new Journal(new JournalContext().directory(journalDirectory));
        Journal readOnly = null;
        try
        {
            final SnapshotStore snapshots = new SnapshotStore(snapshotDirectory);
            final SwitchCore core = Recovery.recover(coreContext, journal, snapshots);
            readOnly = new Journal(new JournalContext().directory(journalDirectory).readOnly(true));
            coreJournal = readOnly;
            standbyCore = new StandbyCore(core, coreJournal, checkpointInterval,
                snapshotInterval > 0 ? new CoreSnapshotter(snapshots) : null, snapshotInterval);
            follower = new ReplicationFollower(replication, aeron, journal, standbyCore);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(readOnly, journal);
            throw ex;
        }
        followerRunner = new AgentRunner(idleStrategies.get(), errorHandler, null, follower);
        coreRunner = new AgentRunner(idleStrategies.get(), errorHandler, null, standbyCore);
        AgentRunner.startOnThread(followerRunner);
        AgentRunner.startOnThread(coreRunner);
    }

    public ReplicationFollower follower()
    {
        return follower;
    }

    public StandbyCore standbyCore()
    {
        return standbyCore;
    }

    /**
     * @return the first failure of the follower or the core, or null while the standby is healthy.
     */
    public RuntimeException failure()
    {
        return null != follower.failure() ? follower.failure() : standbyCore.failure();
    }

    /**
     * Stop the thread (the follower and core release their Aeron and journal readers), then close
     * the journals. The core may be read afterwards.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(followerRunner, coreRunner, coreJournal, journal);
    }
}
