package io.tahweel.gateways.iso8583;

/**
 * How a TCP frame states its length. The length counts what follows the prefix (TPDU header, if
 * any, and the message), never the prefix itself.
 */
public enum LengthPrefix
{
    /** Two bytes, unsigned big-endian: jPOS PostChannel and NACChannel. The default. */
    BINARY_2(2, 0xFFFF),
    /** Four ASCII decimal digits: jPOS ASCIIChannel. */
    ASCII_4(4, 9999);

    private final int bytes;
    private final int largestEncodable;

    LengthPrefix(final int bytes, final int largestEncodable)
    {
        this.bytes = bytes;
        this.largestEncodable = largestEncodable;
    }

    /** Bytes the prefix itself takes. */
    public int bytes()
    {
        return bytes;
    }

    /** Largest length the prefix can state at all. */
    public int largestEncodable()
    {
        return largestEncodable;
    }
}
