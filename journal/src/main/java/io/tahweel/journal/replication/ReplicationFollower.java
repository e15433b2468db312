package io.tahweel.journal.replication;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.tahweel.journal.Journal;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The standby's end of a replication link: an {@link Agent} that appends the primary's entries to
 * the standby's own {@link Journal} at the same sequences, acknowledges the journaled position, and
 * asks for what it is missing.
 *
 * <h2>Checks on every entry</h2>
 * <ul>
 *   <li>Frames of an epoch older than the highest seen are from a deposed primary: ignored.</li>
 *   <li>A sequence already journaled is a duplicate (after a REQUEST), ignored; a sequence beyond
 *       the next one is a gap (joined late, restarted, lost an image), noted, and answered by
 *       REQUEST(next) at most once per {@link ReplicationContext#requestResendNs()}.</li>
 *   <li>The sequence in the entry's own header must equal the frame's, and the entry's epoch may
 *       neither exceed the frame's nor go below the previous entry's. Either failure stops the
 *       follower: appending would make this journal differ from the primary's.</li>
 * </ul>
 *
 * <h2>Acks and heartbeats</h2>
 * After each duty cycle that journaled something the follower sends ACK(last journaled sequence);
 * with nothing new it still sends one every {@link ReplicationContext#heartbeatIntervalNs()}: the ACK
 * is the standby's heartbeat. Any frame from the primary counts as its heartbeat;
 * {@link #isPrimaryAlive()} turns false after {@link ReplicationContext#lossThresholdNs()} of silence.
 *
 * <h2>Silence is measured while listening</h2>
 * Silence accrues on the follower's own thread, duty cycle by duty cycle, not from a clock read by whoever asks. A
 * gap between two duty cycles longer than one heartbeat interval counts as one interval: the follower was not
 * listening (its process was stopped, e.g. SIGSTOP, or paused or starved) and the primary's frames of that time are
 * waiting in the driver, or were never sent because this side stopped taking them. Measured by the clock alone, a
 * standby resumed after such a pause would find the primary "silent" before it had read a single frame, and promote
 * itself beside a live primary.
 *
 * <h2>Threads</h2>
 * {@link #doWork()} runs on one thread, which owns the journal's appender. Getters are safe from any thread.
 */
public final class ReplicationFollower implements Agent
{
    /** Most fragments read per duty cycle, so acks go out while a long catch-up streams in. */
    public static final int FRAGMENT_LIMIT = 64;

    private static final Logger LOGGER = System.getLogger(ReplicationFollower.class.getName());
    private static final int ENTRY_SEQUENCE_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderDecoder.sequenceEncodingOffset();
    private static final int ENTRY_EPOCH_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderDecoder.epochEncodingOffset();

    private final ReplicationContext context;
    private final NanoClock clock;
    private final Journal journal;
    private final CheckpointListener checkpointListener;
    private final Subscription entrySubscription;
    private final ExclusivePublication ackPublication;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

    private long nextSequence;
    private int lastEntryEpoch;
    private boolean gapSeen = true;
    private long lastRequestNs;
    private boolean requestSent;
    private long lastProgressNs;
    private long lastAckSentNs;
    private boolean ackSent;
    private long lastAckedSequence = -1;
    private long nowNs;
    private long lastDutyCycleNs;

    private volatile long journaledSequence;
    private volatile long primarySequence;
    private volatile int leaderEpoch;
    private volatile long lastPrimaryContactNs;
    private volatile boolean primaryContacted;
    private volatile long silenceNs;
    private volatile ReplicationException failure;
    private volatile long duplicates;
    private volatile long gaps;
    private volatile long staleFrames;
    private volatile long requestsSent;

    /**
     * @param context            channels, stream ids, timings, and the lowest epoch this standby accepts.
     * @param aeron              client of the node's media driver.
     * @param journal            the standby's writable journal; the follower appends from its own thread
     *                           and does not close it.
     * @param checkpointListener told of each state checkpoint the primary sends.
     */
    public ReplicationFollower(
        final ReplicationContext context,
        final Aeron aeron,
        final Journal journal,
        final CheckpointListener checkpointListener)
    {
        context.validate();
        this.context = context;
        this.clock = context.clock();
        this.journal = journal;
        this.checkpointListener = checkpointListener;
        this.leaderEpoch = context.epoch();
        journaledSequence = journal.lastSequence();
        nextSequence = journaledSequence + 1;
        if (journaledSequence > 0)
        {
            journal.read(journaledSequence, (buffer, offset, length, sequence) ->
                lastEntryEpoch = buffer.getInt(offset + ENTRY_EPOCH_OFFSET));
        }
        entrySubscription = aeron.addSubscription(context.entryChannel(), context.entryStreamId());
        ackPublication = aeron.addExclusivePublication(context.ackChannel(), context.ackStreamId());
    }

    @Override
    public String roleName()
    {
        return "replication-follower";
    }

    @Override
    public int doWork()
    {
        if (null != failure)
        {
            throw new AgentTerminationException(failure);
        }
        nowNs = clock.nanoTime();
        accrueSilence();
        int work = entrySubscription.poll(assembler, FRAGMENT_LIMIT);
        if (null != failure)
        {
            throw new AgentTerminationException(failure);
        }
        work += requestIfBehind();
        work += ackOrHeartbeat();
        return work;
    }

    @Override
    public void onClose()
    {
        CloseHelper.closeAll(entrySubscription, ackPublication);
    }

    /**
     * @return the last sequence in the standby's journal.
     */
    public long journaledSequence()
    {
        return journaledSequence;
    }

    /**
     * @return the last sequence the primary said (in its heartbeat) it had read from its journal.
     */
    public long primarySequence()
    {
        return primarySequence;
    }

    /**
     * @return the highest epoch accepted from a primary.
     */
    public int leaderEpoch()
    {
        return leaderEpoch;
    }

    /**
     * @return true if the follower has listened for less than the loss threshold since the last frame from a primary
     * of the current epoch (see "Silence is measured while listening").
     */
    public boolean isPrimaryAlive()
    {
        return primaryContacted && silenceNs <= context.lossThresholdNs();
    }

    /**
     * @return how long the follower has listened without a frame from the primary, as of its last duty cycle.
     */
    public long silenceNs()
    {
        return silenceNs;
    }

    /**
     * @return the nanosecond clock reading of the last frame from the primary; 0 before the first.
     */
    public long lastPrimaryContactNs()
    {
        return lastPrimaryContactNs;
    }

    /**
     * @return why the follower stopped, or null while it runs.
     */
    public ReplicationException failure()
    {
        return failure;
    }

    public long duplicates()
    {
        return duplicates;
    }

    public long gaps()
    {
        return gaps;
    }

    public long staleFrames()
    {
        return staleFrames;
    }

    public long requestsSent()
    {
        return requestsSent;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (null != failure)
        {
            return;
        }
        final String malformed = ReplicationFrames.checkFrame(buffer, offset, length);
        if (null != malformed)
        {
            LOGGER.log(Level.WARNING, "ignoring malformed frame from primary: {0}", malformed);
            return;
        }
        final int frameEpoch = ReplicationFrames.epoch(buffer, offset);
        if (frameEpoch < leaderEpoch)
        {
            staleFrames++;
            return;
        }
        if (frameEpoch > leaderEpoch)
        {
            LOGGER.log(Level.INFO, "following epoch {0} (was {1})", frameEpoch, leaderEpoch);
            leaderEpoch = frameEpoch;
        }
        lastPrimaryContactNs = nowNs;
        silenceNs = 0;
        primaryContacted = true;
        final long sequence = ReplicationFrames.sequence(buffer, offset);
        switch (ReplicationFrames.type(buffer, offset))
        {
            case ReplicationFrames.TYPE_ENTRY:
                onEntry(buffer, offset + ReplicationFrames.ENTRY_BYTES_OFFSET,
                    ReplicationFrames.entryLength(buffer, offset), sequence, frameEpoch);
                break;
            case ReplicationFrames.TYPE_HEARTBEAT:
                primarySequence = sequence;
                break;
            case ReplicationFrames.TYPE_CHECKPOINT:
                checkpointListener.onCheckpoint(frameEpoch, sequence, buffer, offset + ReplicationFrames.DIGEST_OFFSET);
                break;
            default:
                LOGGER.log(Level.WARNING, "ignoring frame type {0} on the entry stream",
                    ReplicationFrames.type(buffer, offset));
        }
    }

    private void onEntry(
        final DirectBuffer buffer, final int offset, final int length, final long sequence, final int frameEpoch)
    {
        if (sequence < nextSequence)
        {
            duplicates++;
            return;
        }
        if (sequence > nextSequence)
        {
            gaps++;
            gapSeen = true;
            return;
        }
        if (length < Journal.MIN_ENTRY_LENGTH || length > Journal.MAX_ENTRY_LENGTH)
        {
            fail("entry at sequence " + sequence + " has length " + length);
            return;
        }
        final long headerSequence = buffer.getLong(offset + ENTRY_SEQUENCE_OFFSET);
        final int entryEpoch = buffer.getInt(offset + ENTRY_EPOCH_OFFSET);
        if (headerSequence != sequence)
        {
            fail("frame for sequence " + sequence + " holds entry " + headerSequence);
            return;
        }
        if (entryEpoch > frameEpoch || entryEpoch < lastEntryEpoch)
        {
            fail("entry at sequence " + sequence + " has epoch " + entryEpoch + ": after epoch " + lastEntryEpoch +
                ", sent in epoch " + frameEpoch);
            return;
        }
        try
        {
            journal.append(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            fail("cannot journal sequence " + sequence + ": " + ex);
            return;
        }
        nextSequence = sequence + 1;
        lastEntryEpoch = entryEpoch;
        journaledSequence = sequence;
        lastProgressNs = nowNs;
        gapSeen = false;
    }

    /**
     * Adds the time since the previous duty cycle to the silence, at most one heartbeat interval: a longer gap is time
     * this thread did not listen. Before the first poll of this cycle, so frames it reads reset the silence to 0.
     */
    private void accrueSilence()
    {
        if (primaryContacted)
        {
            silenceNs = silenceNs + Math.min(nowNs - lastDutyCycleNs, context.heartbeatIntervalNs());
        }
        lastDutyCycleNs = nowNs;
    }

    /**
     * Aeron catches what a fragment handler throws, so a failure is recorded here and ends the
     * agent from {@link #doWork()}.
     */
    private void fail(final String reason)
    {
        failure = new ReplicationException(reason);
        LOGGER.log(Level.ERROR, "standby replication stopped: " + reason);
    }

    /**
     * Ask for the entries from the next sequence when a gap was seen, or when the primary's
     * heartbeat shows it is ahead and nothing has arrived for a resend interval. Also asks once at
     * start, so a restarted standby resumes at once.
     */
    private int requestIfBehind()
    {
        final long resendNs = context.requestResendNs();
        final boolean stalled = primaryContacted && primarySequence >= nextSequence && nowNs - lastProgressNs >= resendNs;
        if (!(gapSeen || stalled) || (requestSent && nowNs - lastRequestNs < resendNs))
        {
            return 0;
        }
        final int frameLength = ReplicationFrames.encodeSequenceFrame(
            frameBuffer, 0, ReplicationFrames.TYPE_REQUEST, leaderEpoch, nextSequence);
        if (ackPublication.offer(frameBuffer, 0, frameLength) > 0)
        {
            requestSent = true;
            gapSeen = false;
            lastRequestNs = nowNs;
            lastProgressNs = nowNs;
            requestsSent++;
            return 1;
        }
        return 0;
    }

    private int ackOrHeartbeat()
    {
        final long journaled = journaledSequence;
        if (journaled == lastAckedSequence && ackSent && nowNs - lastAckSentNs < context.heartbeatIntervalNs())
        {
            return 0;
        }
        final int frameLength = ReplicationFrames.encodeSequenceFrame(
            frameBuffer, 0, ReplicationFrames.TYPE_ACK, leaderEpoch, journaled);
        final long result = ackPublication.offer(frameBuffer, 0, frameLength);
        if (result > 0)
        {
            lastAckedSequence = journaled;
            lastAckSentNs = nowNs;
            ackSent = true;
            return 1;
        }
        if (result == Publication.CLOSED)
        {
            fail("ack publication closed");
        }
        return 0;
    }
}
