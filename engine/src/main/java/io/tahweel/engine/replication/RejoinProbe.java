package io.tahweel.engine.replication;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.tahweel.journal.Journal;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.journal.replication.ReplicationException;
import io.tahweel.journal.replication.ReplicationFollower;
import io.tahweel.journal.replication.ReplicationFrames;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Finds where a rejoining node's journal stops agreeing with the current primary's, so the node can
 * discard its unacknowledged tail before following (Raft-style log matching over the existing
 * replication frames, with no new frame type).
 *
 * <p>The node asks the primary, with an ordinary REQUEST, to ship from a sequence {@code from} inside
 * its own last epoch, and compares every shipped entry with its own at the same sequence, byte for
 * byte. The first entry that differs must be the primary's {@code EpochStart} of a later epoch: its
 * {@code previousEpochLastSequence} is the truncation point, and it must equal the sequence before it
 * (everything before it matched). If every entry up to the end of this node's journal matches, the
 * journal is a prefix of the primary's and nothing is discarded. Anything else (a difference that is
 * not an epoch start) is divergence inside acknowledged history: the probe fails loudly and an
 * operator must rebuild this node from the primary.
 *
 * <p>{@code from} is tried from late to early: the last {@link #WINDOW} entries of the node's last
 * epoch, then the start of that epoch, then sequence 1, for primaries whose epoch start lies
 * earlier (a lagging asynchronous standby was promoted).
 *
 * <p>Runs on the caller's thread, parking between polls (never spinning); the journal must not be
 * written meanwhile.
 */
final class RejoinProbe
{
    /** Entries before the end of the journal to look from first: more than the input ring holds in flight. */
    static final long WINDOW = 64 * 1024;

    private static final Logger LOGGER = System.getLogger(RejoinProbe.class.getName());
    private static final int ENTRY_EPOCH_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderDecoder.epochEncodingOffset();
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final long PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /** What the probe found. */
    record Result(long keepThrough, long discarded, int leaderEpoch, long compared)
    {
    }

    private final ReplicationContext context;
    private final Aeron aeron;
    private final Journal journal;
    private final NanoClock clock;
    private final UnsafeBuffer own = new UnsafeBuffer(ByteBuffer.allocateDirect(Journal.MAX_ENTRY_LENGTH));
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EpochStartDecoder epochStart = new EpochStartDecoder();

    private long lastOwn;
    private int lastOwnEpoch;
    private long expected;
    private int ownLength;
    private int leaderEpoch;
    private long compared;
    private Long keepThrough;
    private boolean restart;
    private String failure;

    /**
     * @param context as standby: entries arrive on its entry channel, requests go on its ack channel.
     * @param journal this node's journal, read only by the probe.
     */
    RejoinProbe(final ReplicationContext context, final Aeron aeron, final Journal journal)
    {
        this.context = context;
        this.aeron = aeron;
        this.journal = journal;
        this.clock = context.clock();
    }

    /**
     * @param timeoutPerAttemptNs how long each starting point may take without progress.
     * @param stop                checked between polls: the node is closing.
     * @return where to truncate, or null if {@code stop} turned true first.
     * @throws ReplicationException if the journals diverge before the last epoch start, or the primary
     *                              cannot serve any starting point.
     */
    Result run(final long timeoutPerAttemptNs, final BooleanSupplier stop)
    {
        lastOwn = journal.lastSequence();
        if (0 == lastOwn)
        {
            return new Result(0, 0, context.epoch(), 0);
        }
        lastOwnEpoch = epochOf(lastOwn);
        final long epochStartSequence = firstSequenceOfEpoch(lastOwnEpoch);
        final long[] starts = Arrays.stream(new long[]{Math.max(epochStartSequence, lastOwn - WINDOW),
            epochStartSequence, 1}).distinct().toArray();
        leaderEpoch = Math.max(context.epoch(), lastOwnEpoch);
        final Subscription entries = aeron.addSubscription(context.entryChannel(), context.entryStreamId());
        final ExclusivePublication requests = aeron.addExclusivePublication(context.ackChannel(), context.ackStreamId());
        try
        {
            final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
            for (final long from : starts)
            {
                expected = from;
                restart = false;
                long lastProgressNs = clock.nanoTime();
                long lastRequestNs = 0;
                boolean requested = false;
                long progress = expected;
                while (null == keepThrough && !restart)
                {
                    if (stop.getAsBoolean())
                    {
                        return null;
                    }
                    if (null != failure)
                    {
                        throw new ReplicationException(failure);
                    }
                    final long nowNs = clock.nanoTime();
                    if (expected != progress)
                    {
                        progress = expected;
                        lastProgressNs = nowNs;
                    }
                    if (expected == from && (!requested || nowNs - lastRequestNs >= context.requestResendNs()))
                    {
                        final int length = ReplicationFrames.encodeSequenceFrame(
                            frame, 0, ReplicationFrames.TYPE_REQUEST, lastOwnEpoch, from);
                        if (requests.offer(frame, 0, length) > 0)
                        {
                            requested = true;
                            lastRequestNs = nowNs;
                        }
                    }
                    if (nowNs - lastProgressNs > timeoutPerAttemptNs)
                    {
                        LOGGER.log(Level.WARNING, "rejoin: no entries from sequence {0} within the time-out", from);
                        break;
                    }
                    if (entries.poll(assembler, ReplicationFollower.FRAGMENT_LIMIT) == 0)
                    {
                        LockSupport.parkNanos(PARK_NS);
                    }
                }
                if (null != keepThrough)
                {
                    LOGGER.log(Level.INFO, "rejoin: journal agrees with the primary (epoch {0}) through sequence {1}, " +
                        "{2} entries after it discarded", leaderEpoch, keepThrough, lastOwn - keepThrough);
                    return new Result(keepThrough, lastOwn - keepThrough, leaderEpoch, compared);
                }
            }
            throw new ReplicationException("rejoin: cannot find where this journal (last sequence " + lastOwn +
                ", epoch " + lastOwnEpoch + ") meets the primary's; rebuild this node from the primary's journal");
        }
        finally
        {
            CloseHelper.closeAll(requests, entries);
        }
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (null != keepThrough || restart || null != failure ||
            null != ReplicationFrames.checkFrame(buffer, offset, length) ||
            ReplicationFrames.type(buffer, offset) != ReplicationFrames.TYPE_ENTRY)
        {
            return;
        }
        final int frameEpoch = ReplicationFrames.epoch(buffer, offset);
        if (frameEpoch < lastOwnEpoch)
        {
            return;
        }
        leaderEpoch = Math.max(leaderEpoch, frameEpoch);
        final long sequence = ReplicationFrames.sequence(buffer, offset);
        if (sequence != expected)
        {
            return;
        }
        final int entryOffset = offset + ReplicationFrames.ENTRY_BYTES_OFFSET;
        final int entryLength = ReplicationFrames.entryLength(buffer, offset);
        if (sequence > lastOwn)
        {
            keepThrough = lastOwn;
            return;
        }
        ownLength = 0;
        journal.read(sequence, (b, o, l, s) ->
        {
            b.getBytes(o, own, 0, l);
            ownLength = l;
        });
        if (ownLength == entryLength && sameBytes(buffer, entryOffset, entryLength))
        {
            compared++;
            expected++;
            return;
        }
        messageHeader.wrap(buffer, entryOffset);
        final boolean isEpochStart = messageHeader.templateId() == EpochStartDecoder.TEMPLATE_ID &&
            buffer.getInt(entryOffset + ENTRY_EPOCH_OFFSET) > lastOwnEpoch;
        if (!isEpochStart)
        {
            if (0 == compared)
            {
                restart = true;  // the journals part before this starting point: start earlier
                return;
            }
            failure = "rejoin: this journal differs from the primary's at sequence " + sequence +
                ", which is not the start of a later epoch: acknowledged history diverged";
            return;
        }
        epochStart.wrap(buffer, entryOffset + MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
            messageHeader.version());
        final long previousLast = epochStart.previousEpochLastSequence();
        if (previousLast != sequence - 1)
        {
            failure = "rejoin: the primary's epoch " + buffer.getInt(entryOffset + ENTRY_EPOCH_OFFSET) +
                " starts at sequence " + sequence + " but names " + previousLast + " as the previous epoch's last";
            return;
        }
        keepThrough = previousLast;
    }

    private boolean sameBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (own.getLong(i) != buffer.getLong(offset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (own.getByte(i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private int epochOf(final long sequence)
    {
        final int[] epoch = new int[1];
        if (!journal.read(sequence, (b, o, l, s) -> epoch[0] = b.getInt(o + ENTRY_EPOCH_OFFSET)))
        {
            throw new IllegalStateException("journal has no entry " + sequence);
        }
        return epoch[0];
    }

    /** Epochs never decrease along a journal: binary search for the first entry of {@code epoch}. */
    private long firstSequenceOfEpoch(final int epoch)
    {
        long low = Math.max(1, journal.firstSequence());
        long high = lastOwn;
        while (low < high)
        {
            final long middle = low + (high - low) / 2;
            if (epochOf(middle) < epoch)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
