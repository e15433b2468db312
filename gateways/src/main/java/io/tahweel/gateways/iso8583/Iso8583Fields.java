package io.tahweel.gateways.iso8583;

import java.util.Arrays;

/**
 * A flyweight over one ISO 8583 message in a byte array: {@link #wrap} reads the MTI and the
 * bitmap(s) and records where each present field sits (its packed start, where its value starts
 * after the length prefix, and its length in characters, digits or bytes); the accessors read
 * values in place. Nothing is allocated per message: this replaces jPOS's unpack into an
 * {@code ISOMsg} on the acquirer's event loops and on the issuer links' (issuer answers).
 * <p>
 * It reads exactly what jPOS 2.1.10's GenericPackager unpack reads, and fails where it fails
 * (Iso8583FieldsEquivalenceTest): a frame too short for the MTI, the bitmap or a field, a variable
 * length over the field's maximum, an ASCII length prefix that is not digits. When it fails
 * part-way, the MTI and the fields before the failure stay readable, so that a malformed request
 * can still be answered 30 with its STAN and terminal echoed. Content is not checked here
 * ({@link FieldRules} does that): a BCD nibble above 9 reads as a letter, as in jPOS
 * ({@code D} as {@code '='}).
 * <p>
 * Valid until the array is changed or the next {@link #wrap}. Not thread-safe.
 */
public final class Iso8583Fields
{
    /** {@link #failedField()} when nothing failed. */
    public static final int NO_FAILURE = -1;
    /** {@link #failedField()} of the bitmap. */
    static final int BITMAP = 1;

    private static final int MAX_FIELD = FieldFormats.MAX_FIELD;

    private final long[] present = new long[3];
    private final int[] packedOffset = new int[MAX_FIELD + 1];
    private final int[] valueOffset = new int[MAX_FIELD + 1];
    private final int[] valueLength = new int[MAX_FIELD + 1];
    private FieldFormats formats;
    private byte[] buffer;
    private int start;
    private int limit;
    private int consumed;
    private int failedField = NO_FAILURE;
    private String failure;

    /**
     * Reads the message in {@code buffer[offset, offset + length)}: true when every field the
     * bitmap names was read, else false with {@link #failedField()} and {@link #failure()} set and
     * what was read before kept.
     */
    public boolean wrap(final FieldFormats formats, final byte[] buffer, final int offset, final int length)
    {
        this.formats = formats;
        this.buffer = buffer;
        this.start = offset;
        this.limit = offset + length;
        this.consumed = 0;
        present[0] = 0;
        present[1] = 0;
        present[2] = 0;
        failedField = NO_FAILURE;
        failure = null;
        int position = read(0, offset);
        if (position < 0)
        {
            return false;
        }
        final long primary;
        final long secondary;
        if (formats.binaryBitmap())
        {
            if (position >= limit)
            {
                return fail(BITMAP, "truncated");
            }
            final int bytes = (buffer[position] & 0x80) != 0 ? 16 : 8;
            if (position + bytes > limit)
            {
                return fail(BITMAP, "truncated");
            }
            primary = bigEndian(buffer, position);
            secondary = bytes == 16 ? bigEndian(buffer, position + 8) : 0;
            position += bytes;
        }
        else
        {
            if (position >= limit)
            {
                return fail(BITMAP, "truncated");
            }
            // jPOS reads a non-hex digit as -1, all bits set: so does this
            final int digits = (hexDigit(buffer[position]) & 0x8) != 0 ? 32 : 16;
            if (position + digits > limit)
            {
                return fail(BITMAP, "truncated");
            }
            primary = hexLong(buffer, position);
            secondary = digits == 32 ? hexLong(buffer, position + 16) : 0;
            position += digits;
        }
        return readFields(primary, secondary, position);
    }

    private boolean readFields(final long primary, final long secondary, final int first)
    {
        int position = first;
        // bit i (1..128) of the bitmap is field i; bit 1 only says a secondary bitmap follows
        for (int field = 2; field <= MAX_FIELD; field++)
        {
            final long bits = field <= 64 ? primary : secondary;
            if ((bits & (1L << (63 - ((field - 1) & 63)))) == 0)
            {
                continue;
            }
            position = read(field, position);
            if (position < 0)
            {
                return false;
            }
        }
        consumed = position - start;
        return true;
    }

    /** Reads field {@code id} at {@code position}: the position after it, or -1 (failure recorded). */
    private int read(final int id, final int position)
    {
        final int prefixBytes = formats.prefixBytes(id);
        if (position + prefixBytes > limit)
        {
            fail(id, "truncated");
            return -1;
        }
        final int length;
        switch (formats.prefix(id))
        {
            case FieldFormats.BCD_LL:
                length = bcdByte(buffer[position]);
                break;
            case FieldFormats.BCD_LLL:
                length = 100 * bcdByte(buffer[position]) + bcdByte(buffer[position + 1]);
                break;
            case FieldFormats.ASCII_LL, FieldFormats.ASCII_LLL:
                length = asciiLength(buffer, position, prefixBytes);
                break;
            default:
                length = formats.maxLength(id);
                break;
        }
        if (length < 0)
        {
            fail(id, "length prefix not digits");
            return -1;
        }
        if (length > formats.maxLength(id))
        {
            fail(id, "length over its maximum");
            return -1;
        }
        final int end = position + prefixBytes + formats.bodyBytes(id, length);
        if (end > limit)
        {
            fail(id, "truncated");
            return -1;
        }
        packedOffset[id] = position;
        valueOffset[id] = position + prefixBytes;
        valueLength[id] = length;
        present[id >> 6] |= 1L << (id & 63);
        return end;
    }

    private boolean fail(final int field, final String reason)
    {
        failedField = field;
        failure = reason;
        return false;
    }

    /** The field whose unpacking failed (0 = MTI, 1 = bitmap), or {@link #NO_FAILURE}. */
    public int failedField()
    {
        return failedField;
    }

    /** Why unpacking failed; a constant, never a field value. */
    public String failure()
    {
        return failure;
    }

    /** Bytes from the wrapped offset to the end of the last field; valid when {@link #wrap} returned true. */
    int consumed()
    {
        return consumed;
    }

    /** The MTI as a number, or {@link Mti#INVALID} when it was not read or is not four digits. */
    public int mti()
    {
        if (!has(0))
        {
            return Mti.INVALID;
        }
        final long mti = digits(0, 0, 4);
        return mti < 0 ? Mti.INVALID : (int)mti;
    }

    public boolean has(final int id)
    {
        return id >= 0 && id <= MAX_FIELD && (present[id >> 6] & (1L << (id & 63))) != 0;
    }

    /** Forgets field {@code id} (a field that broke its type is not echoed). */
    void remove(final int id)
    {
        present[id >> 6] &= ~(1L << (id & 63));
    }

    /** Characters (digits, bytes) of field {@code id}'s value; 0 when absent. */
    public int length(final int id)
    {
        return has(id) ? valueLength[id] : 0;
    }

    /** Whether the field's value is opaque bytes (binary or hex) rather than characters. */
    boolean binary(final int id)
    {
        final byte body = formats.body(id);
        return body == FieldFormats.BYTES || body == FieldFormats.HEX;
    }

    /**
     * Character {@code index} of a character-valued field as jPOS would unpack it: a byte as
     * ISO-8859-1, a BCD nibble as a digit, A-F as upper-case letters and D as '='.
     */
    public int charAt(final int id, final int index)
    {
        final int at = valueOffset[id];
        switch (formats.body(id))
        {
            case FieldFormats.BCD_LEFT:
                return nibble(at, index + (valueLength[id] & 1));
            case FieldFormats.BCD_RIGHT:
                return nibble(at, index);
            case FieldFormats.AMOUNT_BCD_LEFT:
                return index == 0 ? buffer[at] & 0xFF : nibble(at + 1, index - 1 + ((valueLength[id] - 1) & 1));
            case FieldFormats.AMOUNT_BCD_RIGHT:
                return index == 0 ? buffer[at] & 0xFF : nibble(at + 1, index - 1);
            default:
                return buffer[at + index] & 0xFF;
        }
    }

    /** Decimal value of characters {@code [from, to)} of field {@code id} (at most 18), or -1 when any is not a digit. */
    public long digits(final int id, final int from, final int to)
    {
        long value = 0;
        for (int i = from; i < to; i++)
        {
            final int c = charAt(id, i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether field {@code id} is present and its value is exactly {@code text}. */
    boolean equalsAscii(final int id, final String text)
    {
        return has(id) && valueLength[id] == text.length() && startsWith(id, text);
    }

    /** Whether field {@code id} is present and its value starts with {@code text}. */
    boolean startsWith(final int id, final String text)
    {
        if (!has(id) || valueLength[id] < text.length())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (charAt(id, i) != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /** Copies the characters of a character-valued field as bytes into {@code dst}; returns how many. */
    int copyChars(final int id, final byte[] dst, final int dstOffset)
    {
        final int length = valueLength[id];
        for (int i = 0; i < length; i++)
        {
            dst[dstOffset + i] = (byte)charAt(id, i);
        }
        return length;
    }

    /** Copies the value of a binary field (hex decoded as jPOS does) into {@code dst}; returns how many bytes. */
    int copyBytes(final int id, final byte[] dst, final int dstOffset)
    {
        final int length = valueLength[id];
        final int at = valueOffset[id];
        if (formats.body(id) == FieldFormats.HEX)
        {
            for (int i = 0; i < length; i++)
            {
                dst[dstOffset + i] = (byte)((hexDigit(buffer[at + 2 * i]) << 4) | hexDigit(buffer[at + 2 * i + 1]));
            }
        }
        else
        {
            System.arraycopy(buffer, at, dst, dstOffset, length);
        }
        return length;
    }

    /**
     * Writes field {@code id} packed as jPOS packs the value it unpacked: the bytes as received, but
     * with a canonical BCD length prefix and a zero pad nibble (what jPOS writes back whatever was
     * read). The response to a request uses the same packager, so this is the echoed field's
     * packed form. Returns the bytes written.
     */
    int copyPacked(final int id, final byte[] dst, final int dstOffset)
    {
        final int length = valueLength[id];
        final int prefixBytes = formats.prefixBytes(id);
        final int bodyBytes = formats.bodyBytes(id, length);
        System.arraycopy(buffer, packedOffset[id], dst, dstOffset, prefixBytes + bodyBytes);
        switch (formats.prefix(id))
        {
            case FieldFormats.BCD_LL:
                dst[dstOffset] = (byte)(((length / 10 % 10) << 4) | (length % 10));
                break;
            case FieldFormats.BCD_LLL:
                dst[dstOffset] = (byte)(length / 100 % 10);
                dst[dstOffset + 1] = (byte)(((length / 10 % 10) << 4) | (length % 10));
                break;
            default:
                break;
        }
        final int body = dstOffset + prefixBytes;
        switch (formats.body(id))
        {
            case FieldFormats.BCD_LEFT:
                if ((length & 1) == 1)
                {
                    dst[body] &= 0x0F;
                }
                break;
            case FieldFormats.BCD_RIGHT:
                if ((length & 1) == 1)
                {
                    dst[body + bodyBytes - 1] &= (byte)0xF0;
                }
                break;
            case FieldFormats.AMOUNT_BCD_LEFT:
                if (((length - 1) & 1) == 1)
                {
                    dst[body + 1] &= 0x0F;
                }
                break;
            case FieldFormats.AMOUNT_BCD_RIGHT:
                if (((length - 1) & 1) == 1)
                {
                    dst[body + bodyBytes - 1] &= (byte)0xF0;
                }
                break;
            default:
                break;
        }
        return prefixBytes + bodyBytes;
    }

    /** Zero-fills field {@code id}'s value in the wrapped array (card data is not left in a reused buffer). */
    void wipe(final int id)
    {
        if (has(id))
        {
            Arrays.fill(buffer, valueOffset[id], valueOffset[id] + formats.bodyBytes(id, valueLength[id]), (byte)0);
        }
    }

    /** The value as jPOS's {@code getString} would give it: tests, logs and rare paths only (allocates). */
    public String string(final int id)
    {
        if (!has(id) || binary(id))
        {
            return null;
        }
        final char[] chars = new char[valueLength[id]];
        for (int i = 0; i < chars.length; i++)
        {
            chars[i] = (char)charAt(id, i);
        }
        return new String(chars);
    }

    /** A binary field's value: tests and rare paths only (allocates). */
    byte[] bytes(final int id)
    {
        if (!has(id) || !binary(id))
        {
            return null;
        }
        final byte[] value = new byte[valueLength[id]];
        copyBytes(id, value, 0);
        return value;
    }

    private int nibble(final int at, final int index)
    {
        final int b = buffer[at + (index >> 1)];
        final int n = (index & 1) == 0 ? (b >> 4) & 0xF : b & 0xF;
        return n < 10 ? '0' + n : n == 0xD ? '=' : 'A' + n - 10;
    }

    /** jPOS's BcdPrefixer: high nibble times ten plus low nibble, whatever the nibbles are. */
    private static int bcdByte(final byte b)
    {
        return ((b & 0xF0) >> 4) * 10 + (b & 0x0F);
    }

    private static int asciiLength(final byte[] buffer, final int position, final int digits)
    {
        int length = 0;
        for (int i = 0; i < digits; i++)
        {
            final int c = buffer[position + i];
            if (c < '0' || c > '9')
            {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** As jPOS's {@code Character.digit(c, 16)}: -1 for anything but 0-9, a-f, A-F. */
    private static int hexDigit(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f')
        {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F')
        {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static long bigEndian(final byte[] buffer, final int at)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (buffer[at + i] & 0xFF);
        }
        return value;
    }

    private static long hexLong(final byte[] buffer, final int at)
    {
        long value = 0;
        for (int i = 0; i < 16; i++)
        {
            value = (value << 4) | (hexDigit(buffer[at + i]) & 0xF);
        }
        return value;
    }
}
