package io.tahweel.engine.state;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * Appends the core's state as little-endian primitives into a growable buffer.
 * <p>
 * The same bytes serve as the snapshot payload and as the input of the state hash, so every
 * component must write its state in a deterministic order (creation order or sorted by id),
 * never in hash-map iteration order.
 * <p>
 * Why a heap array and a presized one where it matters: at production capacities the state is
 * ~100-130 MB. Grown from 1 MB by half its size at a time, the first snapshot reallocated and copied it a dozen
 * times on the core's thread (and, as direct memory, could call {@code System.gc()} when the direct limit was
 * near): a 1.4-1.7 s stall in the bench. A writer made with {@link #sizedFor(long)} from the core's capacities
 * never grows; the growth here is only a fallback for writers sized smaller.
 */
public final class SnapshotWriter
{
    /** Largest snapshot one writer holds: the largest Java array. */
    public static final int MAX_LENGTH = ExpandableArrayBuffer.MAX_ARRAY_LENGTH;

    private final ExpandableArrayBuffer buffer;
    private int position;

    public SnapshotWriter(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(initialCapacity);
    }

    /**
     * A writer that holds any snapshot up to {@code maxLength} bytes without growing.
     *
     * @param maxLength an upper bound of the snapshots to write, e.g. {@code SwitchCore.maxSnapshotLength}.
     * @throws IllegalArgumentException if no buffer can hold that much: the capacities are too large to snapshot.
     */
    public static SnapshotWriter sizedFor(final long maxLength)
    {
        if (maxLength < 0 || maxLength > MAX_LENGTH)
        {
            throw new IllegalArgumentException(
                "a snapshot of up to " + maxLength + " bytes does not fit one buffer (at most " + MAX_LENGTH + ")");
        }
        return new SnapshotWriter((int)maxLength);
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

    /**
     * Replaces what this writer holds with what {@code other} holds: one memory copy, several
     * times faster than serialising the same state again (grows this buffer at most once).
     */
    public SnapshotWriter copyOf(final SnapshotWriter other)
    {
        buffer.putBytes(0, other.buffer, 0, other.position);
        position = other.position;
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

    /** Bytes the buffer holds before it must grow; a writer sized for the core keeps it. */
    public int capacity()
    {
        return buffer.capacity();
    }

    /** The written bytes are {@code [0, position())} of this buffer. */
    public DirectBuffer buffer()
    {
        return buffer;
    }
}
