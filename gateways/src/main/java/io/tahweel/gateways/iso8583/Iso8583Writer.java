package io.tahweel.gateways.iso8583;

/**
 * Writes one ISO 8583 message into a byte array, field by field in ascending order, as jPOS
 * 2.1.10's GenericPackager packs the same values: the counterpart of {@link Iso8583Fields}. The
 * formats come from the same packager XML ({@link FieldFormats}); nothing is allocated per message.
 * <pre>
 *   begin(mti)        MTI, then room for both bitmaps
 *   field(id, value)  length prefix + body, appended (ids strictly ascending)
 *   finish()          bitmap written in its room; without a field over 64 the fields move up
 *                     over the unused secondary bitmap's room
 * </pre>
 * A value is given as bytes whatever the field's type, because that is what jPOS packs: a
 * {@code String} value as ISO-8859-1 characters, a {@code byte[]} value into a character field as
 * the same. What jPOS refuses (a value longer than its field, a fixed binary field of another
 * length) makes {@link #finish()} return {@link #NOT_WRITTEN}; bytes jPOS accepts without a
 * check (a letter in a BCD field) are packed with its arithmetic, so the bytes match there too.
 * Amount fields (IFB_AMOUNT, IFA_AMOUNT) are not written: the issuer side sends none.
 * <p>
 * Not thread-safe: one per writing thread.
 */
public final class Iso8583Writer
{
    /** {@link #finish()} when a value broke its field's format or the message did not fit. */
    public static final int NOT_WRITTEN = -1;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MTI_LENGTH = 4;

    private final FieldFormats formats;
    private final int bitmapBytes;
    private final byte[] mtiDigits = new byte[MTI_LENGTH];
    private byte[] buffer;
    private int start;
    private int limit;
    private int bitmapAt;
    private int position;
    private int lastField;
    private long primary;
    private long secondary;
    private boolean failed;

    public Iso8583Writer(final FieldFormats formats)
    {
        if (formats.padding(0) != FieldFormats.ZEROS_LEFT)
        {
            throw new IllegalArgumentException("field 0 must be numeric");
        }
        this.formats = formats;
        this.bitmapBytes = formats.binaryBitmap() ? 8 : 16;
    }

    /** Starts a message of type {@code mti} at {@code buffer[offset]}, to end before {@code limit}. */
    public Iso8583Writer begin(final byte[] buffer, final int offset, final int limit, final int mti)
    {
        this.buffer = buffer;
        this.start = offset;
        this.limit = limit;
        this.lastField = 1;
        this.primary = 0;
        this.secondary = 0;
        this.failed = false;
        position = offset;
        put(0, mtiDigits, 0, mtiDigits(mti));
        bitmapAt = position;
        position += 2 * bitmapBytes;
        failed |= position > limit;
        return this;
    }

    /** Appends field {@code id} (after every field written so far) with {@code length} bytes of {@code value}. */
    public Iso8583Writer field(final int id, final byte[] value, final int offset, final int length)
    {
        if (id <= lastField || id > FieldFormats.MAX_FIELD)
        {
            throw new IllegalStateException("field " + id + " written after field " + lastField);
        }
        lastField = id;
        if (id <= 64)
        {
            primary |= 1L << (64 - id);
        }
        else
        {
            secondary |= 1L << (128 - id);
        }
        put(id, value, offset, length);
        return this;
    }

    /** Ends the message: its length from the offset given to {@link #begin}, or {@link #NOT_WRITTEN}. */
    public int finish()
    {
        if (failed)
        {
            return NOT_WRITTEN;
        }
        if (secondary != 0)
        {
            writeBitmap(bitmapAt, primary | (1L << 63));
            writeBitmap(bitmapAt + bitmapBytes, secondary);
        }
        else
        {
            final int fieldsAt = bitmapAt + 2 * bitmapBytes;
            System.arraycopy(buffer, fieldsAt, buffer, fieldsAt - bitmapBytes, position - fieldsAt);
            position -= bitmapBytes;
            writeBitmap(bitmapAt, primary);
        }
        return position - start;
    }

    /**
     * Rewrites the MTI of a message this writer's formats packed at {@code buffer[offset]} (an
     * advice sent again goes as its repeat: 0120 as 0121).
     */
    public void rewriteMti(final byte[] buffer, final int offset, final int mti)
    {
        mtiDigits(mti);
        if (formats.body(0) == FieldFormats.CHARS)
        {
            System.arraycopy(mtiDigits, 0, buffer, offset, MTI_LENGTH);
            return;
        }
        // four digits: two whole BCD bytes, no pad nibble either way
        buffer[offset] = (byte)(((mtiDigits[0] - '0') << 4) | (mtiDigits[1] - '0'));
        buffer[offset + 1] = (byte)(((mtiDigits[2] - '0') << 4) | (mtiDigits[3] - '0'));
    }

    private int mtiDigits(final int mti)
    {
        for (int i = MTI_LENGTH - 1, v = mti; i >= 0; i--, v /= 10)
        {
            mtiDigits[i] = (byte)('0' + v % 10);
        }
        return MTI_LENGTH;
    }

    /** Prefix and body of one field, as jPOS's ISOStringFieldPackager / ISOBinaryFieldPackager pack it. */
    private void put(final int id, final byte[] value, final int offset, final int length)
    {
        final int max = formats.maxLength(id);
        final byte prefix = formats.prefix(id);
        final byte body = formats.body(id);
        final boolean binary = body == FieldFormats.BYTES || body == FieldFormats.HEX;
        final byte padding = formats.padding(id);
        if (failed || length > max || padding == FieldFormats.AMOUNT_PADDING ||
            binary && prefix == FieldFormats.FIXED && length != max)
        {
            failed = true;
            return;
        }
        final int padded = prefix == FieldFormats.FIXED ? max : length;
        final int prefixBytes = formats.prefixBytes(id);
        final int end = position + prefixBytes + formats.bodyBytes(id, padded);
        if (end > limit)
        {
            failed = true;
            return;
        }
        writePrefix(prefix, padded);
        final int pad = padded - length;
        final boolean padLeft = padding == FieldFormats.ZEROS_LEFT;
        final byte padByte = padLeft ? (byte)'0' : (byte)' ';
        switch (body)
        {
            case FieldFormats.BCD_LEFT, FieldFormats.BCD_RIGHT ->
                writeBcd(value, offset, length, pad, padLeft, padByte, body == FieldFormats.BCD_LEFT);
            case FieldFormats.HEX -> writeHex(value, offset, length);
            default -> writeChars(value, offset, length, pad, padLeft, padByte);
        }
        position = end;
    }

    private void writePrefix(final byte prefix, final int length)
    {
        switch (prefix)
        {
            case FieldFormats.BCD_LL -> buffer[position++] = bcdPair(length % 100);
            case FieldFormats.BCD_LLL ->
            {
                buffer[position++] = bcdPair(length / 100 % 100);
                buffer[position++] = bcdPair(length % 100);
            }
            case FieldFormats.ASCII_LL -> writeAsciiLength(length, 2);
            case FieldFormats.ASCII_LLL -> writeAsciiLength(length, 3);
            default ->
            {
            }
        }
    }

    /** jPOS's BcdPrefixer: tens in the high nibble, units in the low. */
    private static byte bcdPair(final int twoDigits)
    {
        return (byte)(((twoDigits / 10) << 4) + twoDigits % 10);
    }

    private void writeAsciiLength(final int length, final int digits)
    {
        for (int i = digits - 1, v = length; i >= 0; i--, v /= 10)
        {
            buffer[position + i] = (byte)('0' + v % 10);
        }
        position += digits;
    }

    private void writeChars(final byte[] value, final int offset, final int length, final int pad,
        final boolean padLeft, final byte padByte)
    {
        int at = position;
        if (padLeft)
        {
            for (int i = 0; i < pad; i++)
            {
                buffer[at++] = padByte;
            }
        }
        System.arraycopy(value, offset, buffer, at, length);
        at += length;
        if (!padLeft)
        {
            for (int i = 0; i < pad; i++)
            {
                buffer[at++] = padByte;
            }
        }
    }

    /**
     * jPOS's {@code ISOUtil.str2bcd}: each character minus '0' shifted into its nibble and or-ed into
     * a zeroed byte, an odd count starting one nibble in when padded left. Written out so that any
     * byte gives what jPOS gives, not only digits.
     */
    private void writeBcd(final byte[] value, final int offset, final int length, final int pad,
        final boolean padLeft, final byte padByte, final boolean bcdLeft)
    {
        final int characters = length + pad;
        final int bytes = (characters + 1) >> 1;
        java.util.Arrays.fill(buffer, position, position + bytes, (byte)0);
        final int first = (characters & 1) == 1 && bcdLeft ? 1 : 0;
        for (int i = 0; i < characters; i++)
        {
            final int c;
            if (padLeft)
            {
                c = i < pad ? padByte : value[offset + i - pad] & 0xFF;
            }
            else
            {
                c = i < length ? value[offset + i] & 0xFF : padByte;
            }
            final int nibble = i + first;
            buffer[position + (nibble >> 1)] |= (byte)((c - '0') << ((nibble & 1) == 1 ? 0 : 4));
        }
    }

    private void writeHex(final byte[] value, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final int b = value[offset + i] & 0xFF;
            buffer[position + 2 * i] = HEX[b >> 4];
            buffer[position + 2 * i + 1] = HEX[b & 0xF];
        }
    }

    private void writeBitmap(final int at, final long bits)
    {
        if (formats.binaryBitmap())
        {
            for (int i = 0; i < 8; i++)
            {
                buffer[at + i] = (byte)(bits >>> (56 - 8 * i));
            }
            return;
        }
        for (int i = 0; i < 16; i++)
        {
            buffer[at + i] = HEX[(int)(bits >>> (60 - 4 * i)) & 0xF];
        }
    }
}
