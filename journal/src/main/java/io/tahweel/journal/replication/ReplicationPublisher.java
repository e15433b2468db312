package io.tahweel.journal.replication;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.tahweel.journal.EntryHandler;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalTailer;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The primary's end of a replication link: an {@link Agent} that ships every entry of the primary's
 * journal to a standby, reads the standby's acks and requests, and sends heartbeats and state
 * checkpoints.
 *
 * <h2>Entries come from the journal, never from memory</h2>
 * The publisher tails its own {@link Journal} instance over the primary's directory (open it
 * read-only: a journal's readers belong to one thread, and this one belongs to the publisher's).
 * Live shipping and catch-up are therefore the same loop: a standby that restarts or falls behind
 * sends REQUEST(from); the publisher re-opens its tailer at {@code from} and ships everything from
 * there, reading Chronicle, until it reaches the live tail, while the journaler keeps appending.
 *
 * <h2>Back-pressure</h2>
 * An entry Aeron refuses with back-pressure or an admin action is copied aside and offered again on
 * the next duty cycle before anything newer; the journal tailer does not advance meanwhile. An entry
 * offered while no standby is connected is not kept: the standby asks for it when it connects.
 * Heartbeats are not retried; the next one replaces them. A checkpoint refused with back-pressure
 * stays first in its queue and is offered again on the next duty cycle, before any entry is shipped:
 * a standby that lags under load (the window full after every batch) would otherwise never get one,
 * and divergence would go unchecked while it lags. Offered while no standby is connected, it is
 * dropped ({@link #droppedCheckpoints()}).
 *
 * <h2>Threads</h2>
 * {@link #doWork()} runs on one thread (an {@code AgentRunner} with a non-spinning idle strategy, or
 * lock-step in tests). {@link #offerCheckpoint} may be called by one other thread. The getters are
 * safe from any thread.
 */
public final class ReplicationPublisher implements Agent
{
    /** Most journal entries shipped per duty cycle, so acks and heartbeats are not starved. */
    public static final int SHIP_BATCH_LIMIT = 256;
    /** Most ack-stream fragments read per duty cycle. */
    public static final int ACK_FRAGMENT_LIMIT = 16;
    /** Checkpoints that may wait for the publisher's thread; more are refused by {@link #offerCheckpoint}. */
    public static final int CHECKPOINT_QUEUE_CAPACITY = 64;

    private static final Logger LOGGER = System.getLogger(ReplicationPublisher.class.getName());
    private static final int CHECKPOINT_MESSAGE = 1;
    private static final int CHECKPOINT_MESSAGE_LENGTH = Long.BYTES + ReplicationFrames.DIGEST_LENGTH;

    private final ReplicationContext context;
    private final NanoClock clock;
    private final int epoch;
    private final Journal journal;
    private final AckListener ackListener;
    private final ExclusivePublication entryPublication;
    private final Subscription ackSubscription;
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private final UnsafeBuffer pendingEntry = new UnsafeBuffer(ByteBuffer.allocateDirect(Journal.MAX_ENTRY_LENGTH));
    private final OneToOneRingBuffer checkpoints = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
        Integer.highestOneBit(CHECKPOINT_QUEUE_CAPACITY * 64) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final UnsafeBuffer checkpointScratch = new UnsafeBuffer(new byte[CHECKPOINT_MESSAGE_LENGTH]);
    private final EntryHandler shipHandler = this::onJournalEntry;
    private final FragmentHandler ackHandler = this::onAckFragment;
    private final ControlledMessageHandler checkpointHandler = this::onQueuedCheckpoint;

    private JournalTailer tailer;
    private int pendingLength;
    private long pendingSequence;
    private long lastHeartbeatNs;
    private boolean heartbeatSent;

    private volatile long nextSequence;
    private volatile long ackedSequence;
    private volatile long lastStandbyContactNs;
    private volatile boolean standbyContacted;
    private volatile int highestEpochSeen;
    private volatile long shippedEntries;
    private volatile long backPressureEvents;
    private volatile long requestsServed;
    private volatile long droppedCheckpoints;
    private volatile long refusedCheckpoints;

    /**
     * @param context     channels, stream ids, this primary's epoch and timings.
     * @param aeron       client of the node's media driver.
     * @param journal     a journal over the primary's directory that only this publisher reads
     *                    (read-only is best); the publisher does not close it.
     * @param ackListener told of each advance of the standby's journaled position.
     */
    public ReplicationPublisher(
        final ReplicationContext context, final Aeron aeron, final Journal journal, final AckListener ackListener)
    {
        context.validate();
        this.context = context;
        this.clock = context.clock();
        this.epoch = context.epoch();
        this.journal = journal;
        this.ackListener = ackListener;
        this.highestEpochSeen = epoch;
        entryPublication = aeron.addExclusivePublication(context.entryChannel(), context.entryStreamId());
        ackSubscription = aeron.addSubscription(context.ackChannel(), context.ackStreamId());
        nextSequence = journal.lastSequence() + 1;
    }

    /**
     * Open the journal tailer here, on the agent's thread: Chronicle tailers belong to the thread
     * that first uses them. Shipping starts at the journal's end; a standby asks for anything older.
     */
    @Override
    public void onStart()
    {
        tailer = journal.tailer(nextSequence);
    }

    @Override
    public String roleName()
    {
        return "replication-publisher";
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        int work = ackSubscription.poll(ackHandler, ACK_FRAGMENT_LIMIT);
        work += checkpoints.controlledRead(checkpointHandler, CHECKPOINT_QUEUE_CAPACITY);
        work += shipEntries();
        work += heartbeat(nowNs);
        return work;
    }

    @Override
    public void onClose()
    {
        CloseHelper.closeAll(tailer, entryPublication, ackSubscription);
    }

    /**
     * Queue a state checkpoint for the standby. Called by one thread (the primary's core), never blocks.
     *
     * @param sequence the state was hashed after applying this entry.
     * @param digest   {@link ReplicationFrames#DIGEST_LENGTH} bytes at {@code offset}.
     * @return false if the queue is full ({@link #CHECKPOINT_QUEUE_CAPACITY}); the checkpoint is dropped.
     */
    public boolean offerCheckpoint(final long sequence, final DirectBuffer digest, final int offset)
    {
        checkpointScratch.putLong(0, sequence);
        checkpointScratch.putBytes(Long.BYTES, digest, offset, ReplicationFrames.DIGEST_LENGTH);
        final boolean queued = checkpoints.write(CHECKPOINT_MESSAGE, checkpointScratch, 0, CHECKPOINT_MESSAGE_LENGTH);
        if (!queued)
        {
            refusedCheckpoints++;
        }
        return queued;
    }

    /**
     * @return the highest sequence a standby of this epoch has acknowledged as journaled; 0 before any.
     */
    public long ackedSequence()
    {
        return ackedSequence;
    }

    /**
     * @return true if a standby has been heard from (ack or request) within the loss threshold.
     */
    public boolean isStandbyAlive()
    {
        return standbyContacted && clock.nanoTime() - lastStandbyContactNs <= context.lossThresholdNs();
    }

    /**
     * @return the highest epoch seen in a standby's frames: above this primary's epoch means another
     * node has been promoted, and this one must step down.
     */
    public int highestEpochSeen()
    {
        return highestEpochSeen;
    }

    /**
     * @return the next sequence the publisher will read from its journal.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    public long shippedEntries()
    {
        return shippedEntries;
    }

    public long backPressureEvents()
    {
        return backPressureEvents;
    }

    public long requestsServed()
    {
        return requestsServed;
    }

    /**
     * @return checkpoints Aeron did not take (no standby connected, publication closed); written by the publisher's
     * thread. Back-pressured ones are retried.
     */
    public long droppedCheckpoints()
    {
        return droppedCheckpoints;
    }

    /**
     * @return checkpoints refused because the queue was full; written by the thread offering them.
     */
    public long refusedCheckpoints()
    {
        return refusedCheckpoints;
    }

    private int shipEntries()
    {
        if (pendingLength > 0)
        {
            final long result = sendEntry(pendingEntry, 0, pendingLength, pendingSequence);
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                return 0;
            }
            pendingLength = 0;
        }
        int shipped = 0;
        while (shipped < SHIP_BATCH_LIMIT && 0 == pendingLength && tailer.poll(shipHandler, 1) > 0)
        {
            shipped++;
        }
        nextSequence = tailer.nextSequence();
        return shipped;
    }

    private void onJournalEntry(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        final long result = sendEntry(buffer, offset, length, sequence);
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            buffer.getBytes(offset, pendingEntry, 0, length);
            pendingLength = length;
            pendingSequence = sequence;
            backPressureEvents++;
        }
    }

    /**
     * @return Aeron's result; NOT_CONNECTED means dropped (the standby will ask), CLOSED and
     * MAX_POSITION_EXCEEDED stop the publisher.
     */
    private long sendEntry(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        final int frameLength = ReplicationFrames.ENTRY_BYTES_OFFSET + length;
        final long result;
        if (frameLength <= entryPublication.maxPayloadLength())
        {
            result = entryPublication.tryClaim(frameLength, claim);
            if (result > 0)
            {
                final MutableDirectBuffer claimed = claim.buffer();
                final int at = claim.offset();
                ReplicationFrames.encodeEntryHeader(claimed, at, epoch, sequence, length);
                claimed.putBytes(at + ReplicationFrames.ENTRY_BYTES_OFFSET, buffer, offset, length);
                claim.commit();
            }
        }
        else
        {
            final int headerLength = ReplicationFrames.encodeEntryHeader(frameBuffer, 0, epoch, sequence, length);
            result = entryPublication.offer(frameBuffer, 0, headerLength, buffer, offset, length);
        }
        if (result > 0)
        {
            shippedEntries++;
        }
        else if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new AgentTerminationException(new ReplicationException(
                "entry publication unusable (" + Publication.errorString(result) + ") at sequence " + sequence));
        }
        return result;
    }

    private void onAckFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final String malformed = ReplicationFrames.checkFrame(buffer, offset, length);
        if (null != malformed)
        {
            LOGGER.log(Level.WARNING, "ignoring malformed frame from standby: {0}", malformed);
            return;
        }
        final int frameEpoch = ReplicationFrames.epoch(buffer, offset);
        if (frameEpoch > highestEpochSeen)
        {
            highestEpochSeen = frameEpoch;
            LOGGER.log(Level.WARNING, "a standby reports epoch {0}, above this primary''s {1}", frameEpoch, epoch);
        }
        lastStandbyContactNs = clock.nanoTime();
        standbyContacted = true;
        final long sequence = ReplicationFrames.sequence(buffer, offset);
        switch (ReplicationFrames.type(buffer, offset))
        {
            case ReplicationFrames.TYPE_ACK:
                onAck(frameEpoch, sequence);
                break;
            case ReplicationFrames.TYPE_REQUEST:
                onRequest(sequence);
                break;
            default:
                LOGGER.log(Level.WARNING, "ignoring frame type {0} on the ack stream",
                    ReplicationFrames.type(buffer, offset));
        }
    }

    /**
     * Only a standby following this epoch can vouch for this primary's entries: a node still on an
     * older epoch may hold a different tail at the same sequences.
     */
    private void onAck(final int frameEpoch, final long journaledSequence)
    {
        if (frameEpoch == epoch && journaledSequence > ackedSequence)
        {
            ackedSequence = journaledSequence;
            ackListener.onAck(journaledSequence);
        }
    }

    private void onRequest(final long fromSequence)
    {
        if (fromSequence < 1)
        {
            LOGGER.log(Level.WARNING, "ignoring request from sequence {0}", fromSequence);
            return;
        }
        final JournalTailer repositioned;
        try
        {
            repositioned = journal.tailer(fromSequence);
        }
        catch (final IllegalArgumentException ex)
        {
            LOGGER.log(Level.ERROR, "cannot serve the standby from sequence " + fromSequence, ex);
            return;
        }
        tailer.close();
        tailer = repositioned;
        nextSequence = fromSequence;
        pendingLength = 0;
        requestsServed++;
    }

    private ControlledMessageHandler.Action onQueuedCheckpoint(
        final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int frameLength = ReplicationFrames.encodeCheckpoint(
            frameBuffer, 0, epoch, buffer.getLong(index), buffer, index + Long.BYTES);
        final long result = entryPublication.offer(frameBuffer, 0, frameLength);
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            return ControlledMessageHandler.Action.ABORT;
        }
        if (result < 0)
        {
            droppedCheckpoints++;
        }
        return ControlledMessageHandler.Action.CONTINUE;
    }

    private int heartbeat(final long nowNs)
    {
        if (heartbeatSent && nowNs - lastHeartbeatNs < context.heartbeatIntervalNs())
        {
            return 0;
        }
        final int frameLength = ReplicationFrames.encodeSequenceFrame(
            frameBuffer, 0, ReplicationFrames.TYPE_HEARTBEAT, epoch, nextSequence - 1);
        entryPublication.offer(frameBuffer, 0, frameLength);
        lastHeartbeatNs = nowNs;
        heartbeatSent = true;
        return 1;
    }
}
