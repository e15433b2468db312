package io.tahweel.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import net.openhft.chronicle.bytes.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The frame each journal entry is stored in, one per Chronicle document, plus a reusable
 * scratch area to build or check one without allocating.
 *
 * <pre>
 *   0               4               8
 *   +---------------+---------------+-------------------------------------+
 *   | length (i32)  | crc32c (i32)  | entry: SBE message header, EntryHeader, body ... |
 *   +---------------+---------------+-------------------------------------+
 *
 *   VOID frame (a torn tail cancelled on recovery, never delivered):
 *   +---------------+---------------+
 *   | -1            | 0x564F4944    |   ("VOID"), whatever bytes follow are ignored
 *   +---------------+---------------+
 * </pre>
 *
 * Chronicle already refuses to deliver a document whose header is incomplete; the CRC catches what
 * it cannot see: bytes that changed after they were written (disk, copy, a page lost in a crash).
 *
 * <p>Entries are copied through a direct scratch buffer both ways: {@link CRC32C} only reaches its
 * intrinsic without allocation through a {@link ByteBuffer}, and a copy keeps the reader's
 * flyweight valid even if Chronicle unmaps the file during the callback. Entries are small and
 * bounded by {@link #MAX_ENTRY_LENGTH}, so one memcpy costs less than the CRC.
 */
final class EntryFrame
{
    /** The largest entry accepted: far above any command, small enough to bound every buffer. */
    static final int MAX_ENTRY_LENGTH = 64 * 1024;
    /** An entry must at least hold the SBE message header and the EntryHeader. */
    static final int MIN_ENTRY_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderDecoder.ENCODED_LENGTH;
    static final int SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderDecoder.sequenceEncodingOffset();
    static final int TIMESTAMP_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderDecoder.timestampEncodingOffset();
    static final int FRAME_HEADER_LENGTH = 2 * Integer.BYTES;
    static final int VOID_LENGTH = -1;
    static final int VOID_CRC = 0x564F4944;

    /** Result of {@link #read(Bytes)}. */
    static final int OK = 0;
    static final int VOID = 1;
    static final int BAD_FRAME = 2;
    static final int BAD_CRC = 3;

    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer view = new UnsafeBuffer(scratch);
    private final long scratchAddress = view.addressOffset();
    private final CRC32C crc32c = new CRC32C();
    private int length;
    private int storedCrc;
    private int computedCrc;

    /**
     * Copy an entry into the scratch area and compute its CRC, before any Chronicle lock is taken.
     *
     * @return the CRC32C of the entry.
     */
    int stage(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.getBytes(offset, view, 0, length);
        this.length = length;
        computedCrc = crc(length);
        return computedCrc;
    }

    /**
     * Write the staged entry as a frame at the write position of a document's bytes.
     */
    void writeStaged(final Bytes<?> bytes)
    {
        bytes.writeInt(length);
        bytes.writeInt(computedCrc);
        bytes.unsafeWrite(scratchAddress, length);
    }

    /**
     * Decode one frame from a document into the scratch area, checking its CRC.
     *
     * @return {@link #OK}, {@link #VOID}, {@link #BAD_FRAME} or {@link #BAD_CRC}.
     */
    int read(final Bytes<?> bytes)
    {
        length = 0;
        if (bytes.readRemaining() < FRAME_HEADER_LENGTH)
        {
            return BAD_FRAME;
        }
        final int frameLength = bytes.readInt();
        storedCrc = bytes.readInt();
        if (VOID_LENGTH == frameLength && VOID_CRC == storedCrc)
        {
            return VOID;
        }
        if (frameLength < MIN_ENTRY_LENGTH || frameLength > MAX_ENTRY_LENGTH || frameLength > bytes.readRemaining())
        {
            length = frameLength;
            return BAD_FRAME;
        }
        bytes.unsafeRead(scratchAddress, frameLength);
        length = frameLength;
        computedCrc = crc(frameLength);
        return computedCrc == storedCrc ? OK : BAD_CRC;
    }

    /**
     * Overwrite the frame header of a document in place so readers skip it from now on.
     *
     * @param bytes         of the document.
     * @param framePosition where the frame starts in {@code bytes}.
     */
    static void markVoid(final Bytes<?> bytes, final long framePosition)
    {
        bytes.writeInt(framePosition + Integer.BYTES, VOID_CRC);
        bytes.writeOrderedInt(framePosition, VOID_LENGTH);
    }

    /**
     * @return flyweight over the entry last staged or read; valid until the next call.
     */
    DirectBuffer buffer()
    {
        return view;
    }

    int length()
    {
        return length;
    }

    long sequence()
    {
        return view.getLong(SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    long timestampNanos()
    {
        return view.getLong(TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return why the last {@link #read(Bytes)} failed, for an exception message (allocates; error path only).
     */
    String describeFailure(final int status)
    {
        if (BAD_CRC == status)
        {
            return "CRC mismatch (stored 0x" + Integer.toHexString(storedCrc) + ", computed 0x" +
                Integer.toHexString(computedCrc) + ", length " + length + ")";
        }
        return "malformed frame (length " + length + ", allowed " + MIN_ENTRY_LENGTH + ".." + MAX_ENTRY_LENGTH + ")";
    }

    static long sequenceOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    static long timestampOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    private int crc(final int length)
    {
        scratch.limit(length).position(0);
        crc32c.reset();
        crc32c.update(scratch);
        return (int)crc32c.getValue();
    }
}
