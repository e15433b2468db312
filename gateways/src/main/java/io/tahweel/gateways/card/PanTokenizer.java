package io.tahweel.gateways.card;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * Keyed tokenization of card numbers so that the journal, logs and reports never hold a PAN in
 * clear (PCI DSS 3.4) while the core can still match cards and route by BIN.
 * <p>
 * The function is SipHash-2-4 (Aumasson and Bernstein, 2012) with a 128-bit secret key and a
 * 64-bit output: a keyed PRF, fast on 12..19 byte inputs and without allocation. Inputs are the
 * ASCII digits prefixed with a one-byte domain tag, so that a card token can never be confused
 * with a prefix hash of the same digits:
 * <pre>
 *   token(pan)         = SipHash-2-4(key, 'T' || pan digits)
 *   prefixHash(digits) = SipHash-2-4(key, 'P' || prefix digits)
 *   keyCheckValue()    = SipHash-2-4(key, 'K')
 * </pre>
 * {@code Authorize.prefixHashes[i]} is {@code prefixHash(first 6 + i digits)} and
 * {@code AddBinRoute.prefixHash} is {@code prefixHash(route prefix)}, so the core's longest-prefix
 * match compares hash with hash and never sees more than the BIN in clear.
 * <p>
 * Instances are immutable and safe to share between threads (one per node, used by every
 * gateway event loop). Every node that replays or extends the same journal must use the same key.
 */
public final class PanTokenizer
{
    /** Bytes in a key: SipHash takes 128 bits. */
    public static final int KEY_LENGTH = 16;
    /** Longest input accepted: ISO/IEC 7812 PANs have at most 19 digits. */
    public static final int MAX_DIGITS = 19;
    /** Shortest and longest BIN route prefixes the core matches on. */
    public static final int MIN_PREFIX_DIGITS = 6;
    /** Longest BIN route prefix; {@link #prefixHashes} fills {@code MAX - MIN + 1} values. */
    public static final int MAX_PREFIX_DIGITS = 11;
    /** Number of values {@link #prefixHashes} writes. */
    public static final int PREFIX_HASH_COUNT = MAX_PREFIX_DIGITS - MIN_PREFIX_DIGITS + 1;

    static final int TAG_TOKEN = 'T';
    static final int TAG_PREFIX = 'P';
    static final int TAG_KEY_CHECK = 'K';
    static final int NO_TAG = -1;

    private final long k0;
    private final long k1;

    /**
     * @param key 16 secret bytes; copied, the caller may wipe its array afterwards.
     */
    public PanTokenizer(final byte[] key)
    {
        if (key == null || key.length != KEY_LENGTH)
        {
            throw new IllegalArgumentException("tokenization key must be " + KEY_LENGTH + " bytes");
        }
        this.k0 = littleEndianLong(key, 0);
        this.k1 = littleEndianLong(key, 8);
    }

    /**
     * Loads the key written by {@link #generateKeyFile(Path)}: 32 hex digits, surrounding white
     * space ignored. The key itself never appears in an exception message.
     */
    public static PanTokenizer fromKeyFile(final Path file) throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() != KEY_LENGTH * 2)
        {
            throw new IOException(file + ": tokenization key must be " + KEY_LENGTH * 2 + " hex digits");
        }
        final byte[] key = new byte[KEY_LENGTH];
        try
        {
            for (int i = 0; i < KEY_LENGTH; i++)
            {
                final int hi = Character.digit(text.charAt(2 * i), 16);
                final int lo = Character.digit(text.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0)
                {
                    throw new IOException(file + ": tokenization key is not hex");
                }
                key[i] = (byte)((hi << 4) | lo);
            }
            return new PanTokenizer(key);
        }
        finally
        {
            Arrays.fill(key, (byte)0);
        }
    }

    /**
     * Writes a fresh random key as hex text, readable by the owner only where the file system
     * has POSIX permissions. Refuses to overwrite an existing file: replacing a key makes every
     * token already journaled unmatchable.
     *
     * @throws FileAlreadyExistsException if {@code file} exists.
     */
    public static void generateKeyFile(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        final byte[] key = new byte[KEY_LENGTH];
        new SecureRandom().nextBytes(key);
        final byte[] hex = new byte[KEY_LENGTH * 2 + 1];
        for (int i = 0; i < KEY_LENGTH; i++)
        {
            hex[2 * i] = (byte)Character.forDigit((key[i] >> 4) & 0xF, 16);
            hex[2 * i + 1] = (byte)Character.forDigit(key[i] & 0xF, 16);
        }
        hex[KEY_LENGTH * 2] = '\n';
        Arrays.fill(key, (byte)0);

        final boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        final FileAttribute<?>[] attributes = posix ?
            new FileAttribute<?>[]{ PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) } :
            new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(
            file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC),
            attributes))
        {
            final ByteBuffer buffer = ByteBuffer.wrap(hex);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        finally
        {
            Arrays.fill(hex, (byte)0);
        }
    }

    /**
     * Loads the key at {@code file}, generating it first if absent (first start of a new node).
     */
    public static PanTokenizer loadOrGenerate(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            try
            {
                generateKeyFile(file);
            }
            catch (final FileAlreadyExistsException ignore)
            {
                // created concurrently: load whatever won
            }
        }
        return fromKeyFile(file);
    }

    /**
     * Token of a whole PAN given as ASCII digits.
     *
     * @throws IllegalArgumentException if the region is empty, longer than 19 or not all digits.
     */
    public long token(final byte[] pan, final int offset, final int length)
    {
        checkDigits(pan, null, offset, length);
        return sipHash(k0, k1, TAG_TOKEN, pan, null, offset, length);
    }

    /** As {@link #token(byte[], int, int)}, reading a region of a buffer, e.g. an inbound frame. */
    public long token(final DirectBuffer pan, final int offset, final int length)
    {
        checkDigits(null, pan, offset, length);
        return sipHash(k0, k1, TAG_TOKEN, null, pan, offset, length);
    }

    /** Convenience for tools and tests; allocates. */
    public long token(final CharSequence pan)
    {
        final byte[] digits = ascii(pan);
        return token(digits, 0, digits.length);
    }

    /**
     * Keyed hash of BIN prefix digits, as carried by {@code AddBinRoute.prefixHash}.
     *
     * @throws IllegalArgumentException if the region is empty, longer than 19 or not all digits.
     */
    public long prefixHash(final byte[] digits, final int offset, final int length)
    {
        checkDigits(digits, null, offset, length);
        return sipHash(k0, k1, TAG_PREFIX, digits, null, offset, length);
    }

    /** As {@link #prefixHash(byte[], int, int)}, reading a region of a buffer. */
    public long prefixHash(final DirectBuffer digits, final int offset, final int length)
    {
        checkDigits(null, digits, offset, length);
        return sipHash(k0, k1, TAG_PREFIX, null, digits, offset, length);
    }

    /** Convenience for tools and tests; allocates. */
    public long prefixHash(final CharSequence digits)
    {
        final byte[] bytes = ascii(digits);
        return prefixHash(bytes, 0, bytes.length);
    }

    /**
     * Fills {@code out6to11[0..5]} with the prefix hashes of the PAN's first 6..11 digits, as
     * carried by {@code Authorize.prefixHashes}. A prefix that is not shorter than the PAN itself
     * is not a route prefix of it and gets 0.
     */
    public void prefixHashes(final byte[] pan, final int offset, final int length, final long[] out6to11)
    {
        checkDigits(pan, null, offset, length);
        checkOut(out6to11);
        for (int i = 0; i < PREFIX_HASH_COUNT; i++)
        {
            final int digits = MIN_PREFIX_DIGITS + i;
            out6to11[i] = digits < length ? sipHash(k0, k1, TAG_PREFIX, pan, null, offset, digits) : 0L;
        }
    }

    /** As {@link #prefixHashes(byte[], int, int, long[])}, reading a region of a buffer. */
    public void prefixHashes(final DirectBuffer pan, final int offset, final int length, final long[] out6to11)
    {
        checkDigits(null, pan, offset, length);
        checkOut(out6to11);
        for (int i = 0; i < PREFIX_HASH_COUNT; i++)
        {
            final int digits = MIN_PREFIX_DIGITS + i;
            out6to11[i] = digits < length ? sipHash(k0, k1, TAG_PREFIX, null, pan, offset, digits) : 0L;
        }
    }

    /**
     * A value that identifies the key without revealing it, like a key check value in payment
     * HSMs: two nodes that print the same value hold the same key.
     */
    public long keyCheckValue()
    {
        return sipHash(k0, k1, TAG_KEY_CHECK, null, null, 0, 0);
    }

    /** Never prints the key. */
    @Override
    public String toString()
    {
        return "PanTokenizer{keyCheckValue=" + Long.toHexString(keyCheckValue()) + '}';
    }

    /**
     * Plain SipHash-2-4 of {@code length} bytes, without a domain tag; exposed for the reference
     * test vectors.
     */
    static long sipHash24(final byte[] key, final byte[] message, final int offset, final int length)
    {
        return sipHash(littleEndianLong(key, 0), littleEndianLong(key, 8), NO_TAG, message, null, offset, length);
    }

    /**
     * SipHash-2-4 over the message {@code tag || src[offset, offset + length)}, where the tag byte
     * is absent when {@code tag < 0}. Exactly one of {@code array} and {@code buffer} is read
     * (neither when {@code length == 0}).
     */
    static long sipHash(
        final long k0, final long k1, final int tag,
        final byte[] array, final DirectBuffer buffer, final int offset, final int length)
    {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;

        final int tagBytes = tag < 0 ? 0 : 1;
        final int messageLength = length + tagBytes;
        final int fullWordsEnd = messageLength & ~7;
        int i = 0;
        while (i <= messageLength)
        {
            long m = 0;
            final boolean last = i == fullWordsEnd;
            final int end = last ? messageLength : i + 8;
            for (int j = i; j < end; j++)
            {
                final long b = j < tagBytes ? tag : (array != null ?
                    array[offset + j - tagBytes] : buffer.getByte(offset + j - tagBytes));
                m |= (b & 0xFFL) << ((j - i) << 3);
            }
            if (last)
            {
                m |= ((long)messageLength) << 56;
            }

            v3 ^= m;
            for (int r = 0; r < 2; r++)
            {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
            i += 8;
        }

        v2 ^= 0xFF;
        for (int r = 0; r < 4; r++)
        {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void checkDigits(final byte[] array, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1 || length > MAX_DIGITS)
        {
            throw new IllegalArgumentException("expected 1.." + MAX_DIGITS + " digits, got " + length);
        }
        for (int i = 0; i < length; i++)
        {
            final byte b = array != null ? array[offset + i] : buffer.getByte(offset + i);
            if (b < '0' || b > '9')
            {
                throw new IllegalArgumentException("not a digit at index " + i);
            }
        }
    }

    private static void checkOut(final long[] out)
    {
        if (out.length < PREFIX_HASH_COUNT)
        {
            throw new IllegalArgumentException("output needs room for " + PREFIX_HASH_COUNT + " hashes");
        }
    }

    private static byte[] ascii(final CharSequence text)
    {
        final int length = text.length();
        if (length > MAX_DIGITS)
        {
            throw new IllegalArgumentException("expected 1.." + MAX_DIGITS + " digits, got " + length);
        }
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            bytes[i] = c < 128 ? (byte)c : (byte)'?';
        }
        return bytes;
    }

    private static long littleEndianLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 7; i >= 0; i--)
        {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }
}
