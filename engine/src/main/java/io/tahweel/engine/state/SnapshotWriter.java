package io.tahweel.engine.state;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteOrder;

/**
 * Appends the core's state as little-endian primitives into a growable buffer.
 * <p>
 * The same bytes serve as the snapshot payload and as the input of the state hash, so every
 * component must write its state in a deterministic order (creation order or sorted by id),
 * never in hash-map iteration order.
 */
public final class SnapshotWriter
{
    private final ExpandableDirectByteBuffer buffer;
    private int position;

    public SnapshotWriter(final int initialCapacity)
    {
        buffer = new ExpandableDirectByteBuffer(initialCapacity);
    }

    /** Starts a new snapshot in the same buffer. */
    public SnapshotWriter reset()
    {
        position = 0;
        return this;
    }

    public SnapshotWriter putLong(final long value)
    {
        buffer.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return this;
    }

    public SnapshotWriter putInt(final int value)
    {
        buffer.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        return this;
    }

    public SnapshotWriter putShort(final short value)
    {
        buffer.putShort(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Short.BYTES;
        return this;
    }

    public SnapshotWriter putByte(final byte value)
    {
        buffer.putByte(position, value);
        position += Byte.BYTES;
        return this;
    }

    public SnapshotWriter putBytes(final byte[] src, final int offset, final int length)
    {
        putInt(length);
        buffer.putBytes(position, src, offset, length);
        position += length;
        return this;
    }

    /** Writes a section marker so a reader can tell a misaligned or foreign snapshot early. */
    public SnapshotWriter putMarker(final int marker)
    {
        return putInt(marker);
    }

    public int position()
    {
        return position;
    }

    /** The written bytes are {@code [0, position())} of this buffer. */
    public DirectBuffer buffer()
    {
        return buffer;
    }
}
