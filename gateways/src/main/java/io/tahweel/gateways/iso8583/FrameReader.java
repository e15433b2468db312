package io.tahweel.gateways.iso8583;

/**
 * The framing rule in one small class: {@code [length prefix][payload of that length]}, where the
 * payload is the TPDU header (if any) and the message. Reads the prefix only; the Netty decoder
 * and the fuzz test both use it.
 */
final class FrameReader
{
    /** The prefix is not a length at all (ASCII prefix with non-digits). */
    static final int BAD_PREFIX = -1;

    private FrameReader()
    {
    }

    /**
     * The payload length the prefix states, or {@link #BAD_PREFIX}. {@code prefix} holds at
     * least {@link LengthPrefix#bytes()} bytes from {@code offset}.
     */
    static int statedLength(final LengthPrefix kind, final byte[] prefix, final int offset)
    {
        if (kind == LengthPrefix.BINARY_2)
        {
            return ((prefix[offset] & 0xFF) << 8) | (prefix[offset + 1] & 0xFF);
        }
        int length = 0;
        for (int i = 0; i < 4; i++)
        {
            final int c = prefix[offset + i];
            if (c < '0' || c > '9')
            {
                return BAD_PREFIX;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** Writes the prefix for a payload of {@code length} bytes. */
    static void writeLength(final LengthPrefix kind, final int length, final byte[] out, final int offset)
    {
        if (length < 0 || length > kind.largestEncodable())
        {
            throw new IllegalArgumentException("frame length " + length + " cannot be stated with " + kind);
        }
        if (kind == LengthPrefix.BINARY_2)
        {
            out[offset] = (byte)(length >>> 8);
            out[offset + 1] = (byte)length;
            return;
        }
        int value = length;
        for (int i = 3; i >= 0; i--)
        {
            out[offset + i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
