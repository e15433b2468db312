package io.tahweel.gateways.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/**
 * Builds answers and writes them as frames, without jPOS: a response starts as a
 * {@link ResponseTemplate} holding the packed fields the acquirer matches on ({@link #ECHOED});
 * when the answer is known, the frame is written straight into a ByteBuf: length prefix, TPDU
 * (source and destination swapped, what NACChannel does when it answers), response MTI, bitmap,
 * and the echoed fields with 38 and 39 in field order. Byte for byte what jPOS's pack of the same
 * fields gives (Iso8583FieldsEquivalenceTest).
 */
final class ResponseWriter
{
    /**
     * Fields copied from a request to its response when present, in field order. Not 2, 35, 45
     * or 52: the acquirer matches on 11, 7, 37 and 41, and card data should not sit in the
     * in-flight table.
     */
    static final int[] ECHOED = { 3, 4, 7, 11, 12, 13, 32, 33, 37, 41, 42, 49, 70, 90, 95 };

    private static final int APPROVAL_CODE = 38;
    private static final int RESPONSE_CODE = 39;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final FieldFormats formats;
    private final LengthPrefix lengthPrefix;
    private final byte[] prefix = new byte[4];

    ResponseWriter(final FieldFormats formats, final LengthPrefix lengthPrefix)
    {
        if (!formats.fixedChars(APPROVAL_CODE) || !formats.fixedChars(RESPONSE_CODE))
        {
            throw new IllegalArgumentException("fields 38 and 39 must be fixed-length character fields");
        }
        int capacity = 0;
        for (final int field : ECHOED)
        {
            capacity += formats.maxPackedBytes(field);
        }
        if (capacity > ResponseTemplate.ECHOED_CAPACITY)
        {
            throw new IllegalArgumentException("echoed fields need " + capacity + " bytes, more than " +
                ResponseTemplate.ECHOED_CAPACITY);
        }
        this.formats = formats;
        this.lengthPrefix = lengthPrefix;
    }

    /** Fills {@code out}: the response to {@code request} (of type {@code mti}) with the echoed fields and no field 39 yet. */
    static void template(final Iso8583Fields request, final int mti, final DecodedFrame frame, final ResponseTemplate out)
    {
        out.reset();
        out.mti = Mti.response(mti);
        int at = 0;
        for (int i = 0; i < ECHOED.length; i++)
        {
            if (request.has(ECHOED[i]))
            {
                final int length = request.copyPacked(ECHOED[i], out.echoed, at);
                out.echoedLength[i] = length;
                at += length;
            }
        }
        if (frame.hasTpdu)
        {
            System.arraycopy(frame.tpdu, 0, out.tpdu, 0, DecodedFrame.TPDU_LENGTH);
            swap(out.tpdu);
            out.hasTpdu = true;
        }
    }

    /** Field 38 for an approval: {@link ResponseCodes#approvalCode(long)}. */
    static String approvalCode(final long authorizationId)
    {
        return ResponseCodes.approvalCode(authorizationId);
    }

    /**
     * Writes one response frame; false when it is too long for the length prefix (logged by the
     * caller). Field 38 is set on an approved authorization (0110/0210) with an authorization id:
     * {@code approvalCode} when not null (a remote issuer's), else derived from the id.
     */
    boolean write(final Channel channel, final ResponseTemplate response, final String responseCode,
        final long authorizationId, final String approvalCode)
    {
        final ByteBuf frame = frame(channel.alloc(), response, responseCode, authorizationId, approvalCode);
        if (frame == null)
        {
            return false;
        }
        channel.writeAndFlush(frame, channel.voidPromise());
        return true;
    }

    /** One response as a frame (length prefix, TPDU, message); null when too long for the prefix. */
    ByteBuf frame(final ByteBufAllocator allocator, final ResponseTemplate response, final String responseCode,
        final long authorizationId, final String approvalCode)
    {
        final boolean field38 = ResponseCodes.APPROVED.equals(responseCode) && authorizationId > 0 &&
            isAuthorization(response.mti);
        boolean secondary = false;
        int fieldBytes = formats.maxLength(RESPONSE_CODE) + (field38 ? formats.maxLength(APPROVAL_CODE) : 0);
        for (int i = 0; i < ECHOED.length; i++)
        {
            if (response.echoedLength[i] > 0)
            {
                fieldBytes += response.echoedLength[i];
                secondary |= ECHOED[i] > 64;
            }
        }
        final int bitmapBytes = (secondary ? 16 : 8) * (formats.binaryBitmap() ? 1 : 2);
        final int length = (response.hasTpdu ? DecodedFrame.TPDU_LENGTH : 0) + formats.bodyBytes(0, 4) +
            bitmapBytes + fieldBytes;
        if (length > lengthPrefix.largestEncodable())
        {
            return null;
        }
        FrameReader.writeLength(lengthPrefix, length, prefix, 0);
        final ByteBuf frame = allocator.buffer(lengthPrefix.bytes() + length);
        frame.writeBytes(prefix, 0, lengthPrefix.bytes());
        if (response.hasTpdu)
        {
            frame.writeBytes(response.tpdu);
        }
        writeMti(frame, response.mti);
        writeBitmap(frame, response, field38, secondary);
        int at = 0;
        boolean codesWritten = false;
        for (int i = 0; i < ECHOED.length; i++)
        {
            if (!codesWritten && ECHOED[i] > RESPONSE_CODE)
            {
                writeCodes(frame, field38, responseCode, authorizationId, approvalCode);
                codesWritten = true;
            }
            final int fieldLength = response.echoedLength[i];
            frame.writeBytes(response.echoed, at, fieldLength);
            at += fieldLength;
        }
        if (!codesWritten)
        {
            writeCodes(frame, field38, responseCode, authorizationId, approvalCode);
        }
        return frame;
    }

    private void writeCodes(final ByteBuf frame, final boolean field38, final String responseCode,
        final long authorizationId, final String approvalCode)
    {
        if (field38)
        {
            if (approvalCode != null)
            {
                writeChars(frame, APPROVAL_CODE, approvalCode);
            }
            else
            {
                writeApprovalCode(frame, authorizationId);
            }
        }
        writeChars(frame, RESPONSE_CODE, responseCode);
    }

    /** Four digits as field 0 is packed: two BCD bytes or four ASCII digits. */
    private void writeMti(final ByteBuf frame, final int mti)
    {
        final int d0 = mti / 1000 % 10;
        final int d1 = mti / 100 % 10;
        final int d2 = mti / 10 % 10;
        final int d3 = mti % 10;
        if (formats.body(0) == FieldFormats.CHARS)
        {
            frame.writeByte('0' + d0).writeByte('0' + d1).writeByte('0' + d2).writeByte('0' + d3);
        }
        else
        {
            frame.writeByte((d0 << 4) | d1).writeByte((d2 << 4) | d3);
        }
    }

    private void writeBitmap(final ByteBuf frame, final ResponseTemplate response, final boolean field38,
        final boolean secondary)
    {
        long primary = bit(RESPONSE_CODE) | (field38 ? bit(APPROVAL_CODE) : 0) | (secondary ? bit(1) : 0);
        long extended = 0;
        for (int i = 0; i < ECHOED.length; i++)
        {
            if (response.echoedLength[i] > 0)
            {
                if (ECHOED[i] <= 64)
                {
                    primary |= bit(ECHOED[i]);
                }
                else
                {
                    extended |= bit(ECHOED[i] - 64);
                }
            }
        }
        writeBits(frame, primary);
        if (secondary)
        {
            writeBits(frame, extended);
        }
    }

    private void writeBits(final ByteBuf frame, final long bits)
    {
        if (formats.binaryBitmap())
        {
            frame.writeLong(bits);
            return;
        }
        for (int shift = 60; shift >= 0; shift -= 4)
        {
            frame.writeByte(HEX[(int)(bits >>> shift) & 0xF]);
        }
    }

    /** Field {@code field} (1..64) as a bit of a 64-bit bitmap word, most significant first. */
    private static long bit(final int field)
    {
        return 1L << (64 - field);
    }

    /** A fixed character field: the text, space padded or cut to the field's length (jPOS's IF_CHAR). */
    private void writeChars(final ByteBuf frame, final int field, final String text)
    {
        final int length = formats.maxLength(field);
        for (int i = 0; i < length; i++)
        {
            frame.writeByte(i < text.length() ? text.charAt(i) : ' ');
        }
    }

    /** {@link ResponseCodes#approvalCode(long)} written as digits, without the String. */
    private void writeApprovalCode(final ByteBuf frame, final long authorizationId)
    {
        final long value = authorizationId % 1_000_000;
        long divisor = 100_000;
        for (int i = 0; i < formats.maxLength(APPROVAL_CODE); i++)
        {
            frame.writeByte(divisor > 0 ? (int)('0' + value / divisor % 10) : ' ');
            divisor /= 10;
        }
    }

    private static boolean isAuthorization(final int responseMti)
    {
        return responseMti == Mti.response(Mti.AUTHORIZATION) || responseMti == Mti.response(Mti.FINANCIAL);
    }

    /** TPDU: id (1 byte), destination (2), source (2); the answer goes back the other way. */
    static void swap(final byte[] tpdu)
    {
        final byte d0 = tpdu[1];
        final byte d1 = tpdu[2];
        tpdu[1] = tpdu[3];
        tpdu[2] = tpdu[4];
        tpdu[3] = d0;
        tpdu[4] = d1;
    }
}
