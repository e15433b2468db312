package io.tahweel.engine.state;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/** Reads what {@link SnapshotWriter} wrote, in the same order. */
public final class SnapshotReader
{
    private final DirectBuffer buffer;
    private final int limit;
    private int position;

    public SnapshotReader(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    public long getLong()
    {
        check(Long.BYTES);
        final long value = buffer.getLong(position, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return value;
    }

    public int getInt()
    {
        check(Integer.BYTES);
        final int value = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        return value;
    }

    public short getShort()
    {
        check(Short.BYTES);
        final short value = buffer.getShort(position, ByteOrder.LITTLE_ENDIAN);
        position += Short.BYTES;
        return value;
    }

    public byte getByte()
    {
        check(Byte.BYTES);
        return buffer.getByte(position++);
    }

    public byte[] getBytes()
    {
        final int length = getInt();
        check(length);
        final byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    /** Fails loudly when the next section is not the one expected. */
    public void expectMarker(final int marker)
    {
        final int found = getInt();
        if (found != marker)
        {
            throw new IllegalStateException(
                "snapshot section marker mismatch: expected 0x" + Integer.toHexString(marker) +
                " found 0x" + Integer.toHexString(found) + " at offset " + (position - Integer.BYTES));
        }
    }

    public boolean hasRemaining()
    {
        return position < limit;
    }

    public int position()
    {
        return position;
    }

    private void check(final int bytes)
    {
        if (bytes < 0 || position + bytes > limit)
        {
            throw new IllegalStateException("snapshot truncated at offset " + position + " reading " + bytes + " bytes");
        }
    }
}
