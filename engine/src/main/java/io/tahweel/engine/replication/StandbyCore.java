package io.tahweel.engine.replication;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.journal.EntryHandler;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalTailer;
import io.tahweel.journal.replication.CheckpointListener;
import io.tahweel.journal.replication.ReplicationFrames;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A standby's core, run hot: an {@link Agent} that tails the standby's journal (what the follower
 * has journaled, never what is still in flight) and applies every entry to its own
 * {@link SwitchCore} with outputs suppressed, so promotion needs no replay.
 *
 * <p>It also checks it agrees with the primary: after every entry {@link Checkpoints#isDue} picks it
 * hashes its state, and it compares with the primary's checkpoints, which the follower hands over
 * through {@link #onCheckpoint} (a bounded single-producer queue, since the follower runs on another
 * thread). A mismatch, or an entry the core refuses, stops it loudly: {@link #failure()} names the
 * sequence and both hashes, and the agent terminates.
 *
 * <p>With a snapshotter it also writes a snapshot every {@code snapshotInterval} entries, as a
 * primary's core stage does, so a restarted standby recovers from its newest snapshot and the tail
 * instead of replaying its journal since genesis. Here, unlike on a primary, the write stalls no
 * answer: the follower keeps journaling and acknowledging on its own thread meanwhile.
 *
 * <h2>Threads</h2>
 * {@link #doWork()} on one thread, which alone touches the core and the journal given; the core may
 * be read by others only after the agent has stopped. {@link #onCheckpoint} on the follower's thread.
 */
public final class StandbyCore implements Agent, CheckpointListener
{
    /** Most entries applied per duty cycle. */
    public static final int APPLY_BATCH_LIMIT = 256;
    /** Primary checkpoints that may wait for this thread; more are dropped (and cannot be compared). */
    public static final int CHECKPOINT_QUEUE_CAPACITY = 64;

    private static final Logger LOGGER = System.getLogger(StandbyCore.class.getName());
    private static final int CHECKPOINT_MESSAGE = 1;
    private static final int CHECKPOINT_MESSAGE_LENGTH = Long.BYTES + ReplicationFrames.DIGEST_LENGTH;

    private final SwitchCore core;
    private final Journal journal;
    private JournalTailer tailer;
    private final long checkpointInterval;
    private final CoreSnapshotter snapshotter;
    private final long snapshotInterval;
    private final Outcome suppressed = new Outcome();
    private final CheckpointComparator comparator = new CheckpointComparator();
    private final SnapshotWriter hashWriter;
    private final OneToOneRingBuffer primaryCheckpoints = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(Integer.highestOneBit(CHECKPOINT_QUEUE_CAPACITY * 64) +
            RingBufferDescriptor.TRAILER_LENGTH)));
    private final UnsafeBuffer checkpointScratch = new UnsafeBuffer(new byte[CHECKPOINT_MESSAGE_LENGTH]);
    private final EntryHandler applyHandler = this::apply;
    private final MessageHandler checkpointHandler = this::onPrimaryCheckpoint;

    private volatile long appliedSequence;
    private volatile long droppedCheckpoints;
    private volatile RuntimeException failure;

    /**
     * @param core               recovered to some sequence of the standby's journal (or new).
     * @param journal            over the standby's journal directory, read only by this agent (open
     *                           it read-only; the follower owns the writable one). Not closed here.
     * @param checkpointInterval entries between state hashes; must equal the primary's.
     * @throws IllegalArgumentException if a full core of the core's capacities would not fit one buffer.
     */
    public StandbyCore(final SwitchCore core, final Journal journal, final long checkpointInterval)
    {
        this(core, journal, checkpointInterval, null, 0);
    }

    /**
     * @param snapshotter      writes this standby's snapshots (on this agent's thread); null for none.
     * @param snapshotInterval entries between snapshots; 0 for none.
     */
    public StandbyCore(final SwitchCore core, final Journal journal, final long checkpointInterval,
        final CoreSnapshotter snapshotter, final long snapshotInterval)
    {
        if (snapshotInterval < 0 || snapshotInterval > 0 && null == snapshotter)
        {
            throw new IllegalArgumentException("snapshotInterval " + snapshotInterval + " needs a snapshotter");
        }
        this.core = core;
        // Sized once here, as the primary's checkpointer is: the first checkpoint must not grow it on this thread.
        this.hashWriter = SnapshotWriter.sizedFor(SwitchCore.maxSnapshotLength(core.context()));
        this.checkpointInterval = checkpointInterval;
        this.snapshotter = snapshotter;
        this.snapshotInterval = snapshotInterval;
        this.journal = journal;
        this.appliedSequence = core.lastSequence();
    }

    /**
     * Open the journal tailer here, on the agent's thread: Chronicle tailers belong to the thread
     * that first uses them.
     */
    @Override
    public void onStart()
    {
        tailer = journal.tailer(core.lastSequence() + 1);
    }

    @Override
    public String roleName()
    {
        return "standby-core";
    }

    @Override
    public int doWork()
    {
        if (null != failure)
        {
            throw new AgentTerminationException(failure);
        }
        try
        {
            int work = primaryCheckpoints.read(checkpointHandler, CHECKPOINT_QUEUE_CAPACITY);
            work += tailer.poll(applyHandler, APPLY_BATCH_LIMIT);
            return work;
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            LOGGER.log(Level.ERROR, "STANDBY STOPPED after sequence " + appliedSequence + ": " + ex.getMessage());
            throw new AgentTerminationException(ex);
        }
    }

    @Override
    public void onClose()
    {
        if (null != tailer)
        {
            tailer.close();
        }
    }

    /**
     * Queue a primary checkpoint; called by the follower's thread.
     */
    @Override
    public void onCheckpoint(final int epoch, final long sequence, final DirectBuffer digest, final int offset)
    {
        checkpointScratch.putLong(0, sequence);
        checkpointScratch.putBytes(Long.BYTES, digest, offset, ReplicationFrames.DIGEST_LENGTH);
        if (!primaryCheckpoints.write(CHECKPOINT_MESSAGE, checkpointScratch, 0, CHECKPOINT_MESSAGE_LENGTH))
        {
            droppedCheckpoints++;
        }
    }

    /**
     * @return the last sequence applied to the core.
     */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * @return why the standby stopped (a {@link StateDivergedException}, or an entry the core
     * refused), or null while it runs.
     */
    public RuntimeException failure()
    {
        return failure;
    }

    /**
     * @return the core; read it only once the agent has stopped.
     */
    public SwitchCore core()
    {
        return core;
    }

    /**
     * @return checkpoints compared equal; safe from any thread. The primary's checkpoints arrive on their
     * own schedule (hashed off its core thread, then shipped), so this may trail {@link #appliedSequence()}.
     */
    public long matchedCheckpoints()
    {
        return comparator.matched();
    }

    /**
     * @return primary checkpoints that could not be compared (too late, too many waiting); safe from any thread.
     */
    public long uncomparableCheckpoints()
    {
        return comparator.uncomparable();
    }

    /**
     * @return primary checkpoints dropped because the queue was full; written by the follower's thread.
     */
    public long droppedCheckpoints()
    {
        return droppedCheckpoints;
    }

    private void apply(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        core.onEntry(buffer, offset, length, suppressed);
        appliedSequence = sequence;
        final boolean checkpoint = Checkpoints.isDue(sequence, checkpointInterval);
        final boolean snapshot = snapshotInterval > 0 && sequence % snapshotInterval == 0;
        if (checkpoint || snapshot)
        {
            // one serialisation into the presized buffer serves both (by default they fall on the same entries)
            core.writeSnapshot(hashWriter.reset());
            if (checkpoint)
            {
                comparator.onLocal(sequence, StateHash.of(sequence, hashWriter.buffer(), 0, hashWriter.position()).hex());
            }
            if (snapshot)
            {
                snapshotter.snapshot(core, hashWriter);
            }
        }
    }

    private void onPrimaryCheckpoint(
        final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        comparator.onPrimary(buffer.getLong(index), Checkpoints.hexOf(buffer, index + Long.BYTES));
    }
}
