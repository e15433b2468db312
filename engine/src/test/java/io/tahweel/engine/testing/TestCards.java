package io.tahweel.engine.testing;

/**
 * A stand-in for the gateway's keyed PAN tokenizer (which lives in gateways/, downstream of the
 * engine): FNV-1a with a domain tag. Good enough to give distinct tokens in tests; not a PRF.
 */
public final class TestCards
{
    private TestCards()
    {
    }

    public static long token(final String pan)
    {
        return fnv('T', pan, pan.length());
    }

    public static long prefixHash(final String digits)
    {
        return fnv('P', digits, digits.length());
    }

    /** Hashes of the first 6..11 digits, index 0 = 6 digits; prefixes not shorter than the PAN are 0. */
    public static long[] prefixHashes(final String pan)
    {
        final long[] hashes = new long[6];
        for (int i = 0; i < 6; i++)
        {
            final int digits = 6 + i;
            hashes[i] = digits < pan.length() ? fnv('P', pan, digits) : 0;
        }
        return hashes;
    }

    public static int bin(final String pan)
    {
        return Integer.parseInt(pan.substring(0, 6));
    }

    public static int last4(final String pan)
    {
        return Integer.parseInt(pan.substring(pan.length() - 4));
    }

    private static long fnv(final char tag, final String digits, final int length)
    {
        long hash = 0xcbf29ce484222325L;
        hash = (hash ^ tag) * 0x100000001b3L;
        for (int i = 0; i < length; i++)
        {
            hash = (hash ^ digits.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
