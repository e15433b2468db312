package io.tahweel.journal.replication;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The fixed-layout control protocol spoken between a primary's {@link ReplicationPublisher} and a
 * standby's {@link ReplicationFollower}, hand-encoded on Agrona buffers (little-endian). Journal
 * entries travel inside ENTRY frames exactly as journaled; nothing else in the protocol is SBE.
 *
 * <p>Every frame starts with the same 8-byte header:
 * <pre>
 *   0               2               4                               8
 *   +---------------+---------------+-------------------------------+
 *   | type (i16)    | version (i16) | epoch (i32): sender's leadership epoch |
 *   +---------------+---------------+-------------------------------+
 * </pre>
 *
 * Primary to standby (entry stream):
 * <pre>
 *   ENTRY (1)      8: sequence (i64)   16: length (i32)   20: zero (i32)   24: entry bytes (length)
 *   HEARTBEAT (2)  8: primarySequence (i64), the last sequence the primary has read from its journal
 *   CHECKPOINT (3) 8: sequence (i64)   16: state digest (32 bytes), opaque to the journal
 * </pre>
 * Standby to primary (ack stream):
 * <pre>
 *   ACK (4)        8: journaledSequence (i64), the last sequence in the standby's journal; also its heartbeat
 *   REQUEST (5)    8: fromSequence (i64), "ship from here": sent on start, after a gap, when stalled behind
 * </pre>
 *
 * Sequence of a catch-up:
 * <pre>
 *   standby                                  primary
 *     | &lt;-------- HEARTBEAT(primarySequence=900) |
 *     | REQUEST(from=101) ----------------------&gt; |  repositions its journal tailer at 101
 *     | &lt;-------- ENTRY(101) ... ENTRY(900) ...  |  read from its journal, then live entries as appended
 *     | ACK(journaled=164) ---------------------&gt; |
 * </pre>
 * The version field lets a later layout be recognised; a frame of another version is refused.
 */
public final class ReplicationFrames
{
    /** Layout version of every frame written by this build. */
    public static final short VERSION = 1;

    public static final short TYPE_ENTRY = 1;
    public static final short TYPE_HEARTBEAT = 2;
    public static final short TYPE_CHECKPOINT = 3;
    public static final short TYPE_ACK = 4;
    public static final short TYPE_REQUEST = 5;

    public static final int TYPE_OFFSET = 0;
    public static final int VERSION_OFFSET = 2;
    public static final int EPOCH_OFFSET = 4;
    public static final int HEADER_LENGTH = 8;

    /** The single i64 field of HEARTBEAT, ACK and REQUEST, and the sequence of ENTRY and CHECKPOINT. */
    public static final int SEQUENCE_OFFSET = HEADER_LENGTH;
    public static final int ENTRY_LENGTH_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
    public static final int ENTRY_BYTES_OFFSET = ENTRY_LENGTH_OFFSET + 2 * Integer.BYTES;
    public static final int DIGEST_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
    /** Length of the state digest a CHECKPOINT carries (SHA-256). */
    public static final int DIGEST_LENGTH = 32;

    /** Length of HEARTBEAT, ACK and REQUEST frames. */
    public static final int SEQUENCE_FRAME_LENGTH = SEQUENCE_OFFSET + Long.BYTES;
    public static final int CHECKPOINT_FRAME_LENGTH = DIGEST_OFFSET + DIGEST_LENGTH;

    private ReplicationFrames()
    {
    }

    /**
     * Write the common header and the i64 that follows it: a whole HEARTBEAT, ACK or REQUEST frame,
     * or the start of ENTRY and CHECKPOINT.
     *
     * @return {@link #SEQUENCE_FRAME_LENGTH}.
     */
    public static int encodeSequenceFrame(
        final MutableDirectBuffer buffer, final int offset, final short type, final int epoch, final long sequence)
    {
        buffer.putShort(offset + TYPE_OFFSET, type);
        buffer.putShort(offset + VERSION_OFFSET, VERSION);
        buffer.putInt(offset + EPOCH_OFFSET, epoch);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence);
        return SEQUENCE_FRAME_LENGTH;
    }

    /**
     * Write the 24-byte header of an ENTRY frame; the entry's bytes go at {@link #ENTRY_BYTES_OFFSET}.
     *
     * @return {@link #ENTRY_BYTES_OFFSET}.
     */
    public static int encodeEntryHeader(
        final MutableDirectBuffer buffer, final int offset, final int epoch, final long sequence, final int length)
    {
        encodeSequenceFrame(buffer, offset, TYPE_ENTRY, epoch, sequence);
        buffer.putInt(offset + ENTRY_LENGTH_OFFSET, length);
        buffer.putInt(offset + ENTRY_LENGTH_OFFSET + Integer.BYTES, 0);
        return ENTRY_BYTES_OFFSET;
    }

    /**
     * @return {@link #CHECKPOINT_FRAME_LENGTH}.
     */
    public static int encodeCheckpoint(
        final MutableDirectBuffer buffer,
        final int offset,
        final int epoch,
        final long sequence,
        final DirectBuffer digest,
        final int digestOffset)
    {
        encodeSequenceFrame(buffer, offset, TYPE_CHECKPOINT, epoch, sequence);
        buffer.putBytes(offset + DIGEST_OFFSET, digest, digestOffset, DIGEST_LENGTH);
        return CHECKPOINT_FRAME_LENGTH;
    }

    public static short type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TYPE_OFFSET);
    }

    public static short version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + VERSION_OFFSET);
    }

    public static int epoch(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + EPOCH_OFFSET);
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    public static int entryLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + ENTRY_LENGTH_OFFSET);
    }

    /**
     * @return the shortest valid length of a frame of this type, or -1 for an unknown type.
     */
    public static int minimumLength(final short type)
    {
        switch (type)
        {
            case TYPE_ENTRY:
                return ENTRY_BYTES_OFFSET;
            case TYPE_CHECKPOINT:
                return CHECKPOINT_FRAME_LENGTH;
            case TYPE_HEARTBEAT:
            case TYPE_ACK:
            case TYPE_REQUEST:
                return SEQUENCE_FRAME_LENGTH;
            default:
                return -1;
        }
    }

    /**
     * @return null if the frame's header is well formed and its length fits its type, otherwise why not.
     */
    public static String checkFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return "frame of " + length + " bytes is shorter than the header";
        }
        final short version = version(buffer, offset);
        if (version != VERSION)
        {
            return "frame version " + version + ", expected " + VERSION;
        }
        final short type = type(buffer, offset);
        final int minimum = minimumLength(type);
        if (minimum < 0)
        {
            return "unknown frame type " + type;
        }
        if (length < minimum)
        {
            return "frame type " + type + " of " + length + " bytes, at least " + minimum + " expected";
        }
        if (type == TYPE_ENTRY && ENTRY_BYTES_OFFSET + entryLength(buffer, offset) != length)
        {
            return "entry frame of " + length + " bytes declares an entry of " + entryLength(buffer, offset);
        }
        return null;
    }
}
