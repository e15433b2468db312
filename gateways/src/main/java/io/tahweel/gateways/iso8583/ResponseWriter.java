package io.tahweel.gateways.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Builds answers and writes them as frames. A response starts as a copy of the fields the
 * acquirer matches on ({@link #ECHOED}); field 39 is added when the answer is known. The TPDU,
 * when the listener has one, is echoed with source and destination swapped (what NACChannel
 * does when it answers).
 */
final class ResponseWriter
{
    /**
     * Fields copied from a request to its response when present. Not 2, 35, 45 or 52: the
     * acquirer matches on 11, 7, 37 and 41, and card data should not sit in the in-flight table.
     */
    static final int[] ECHOED = { 3, 4, 7, 11, 12, 13, 32, 33, 37, 41, 42, 49, 70, 90, 95 };

    private final ISOBasePackager packager;
    private final LengthPrefix lengthPrefix;
    private final byte[] prefix = new byte[4];

    ResponseWriter(final ISOBasePackager packager, final LengthPrefix lengthPrefix)
    {
        this.packager = packager;
        this.lengthPrefix = lengthPrefix;
    }

    /** The response to {@code request} (of type {@code mti}) with the echoed fields and no field 39 yet. */
    ISOMsg template(final ISOMsg request, final int mti, final DecodedFrame frame)
    {
        final ISOMsg response = new ISOMsg();
        try
        {
            response.setMTI(Mti.format(Mti.response(mti)));
            for (final int field : ECHOED)
            {
                if (request.hasField(field))
                {
                    response.set(field, request.getString(field));
                }
            }
        }
        catch (final ISOException ex)
        {
            throw new IllegalStateException("cannot set a field of a response", ex);
        }
        if (frame.hasTpdu)
        {
            final byte[] tpdu = frame.tpdu.clone();
            swap(tpdu);
            response.setHeader(tpdu);
        }
        return response;
    }

    /** Sets field 39, and on an approved authorization field 38 from the authorization id. */
    static void answer(final ISOMsg response, final String responseCode, final long authorizationId)
    {
        response.set(39, responseCode);
        if (ResponseCodes.APPROVED.equals(responseCode) && authorizationId > 0 && isAuthorization(response))
        {
            response.set(38, approvalCode(authorizationId));
        }
    }

    /** Field 38 for an approval: {@link ResponseCodes#approvalCode(long)}. */
    static String approvalCode(final long authorizationId)
    {
        return ResponseCodes.approvalCode(authorizationId);
    }

    /** Packs and writes one response frame; false when the message cannot be packed (logged by the caller). */
    boolean write(final Channel channel, final ISOMsg response) throws ISOException
    {
        final ByteBuf frame = frame(channel.alloc(), response);
        if (frame == null)
        {
            return false;
        }
        channel.writeAndFlush(frame, channel.voidPromise());
        return true;
    }

    /** Packs one response into a frame (length prefix, TPDU, message); null when too long for the prefix. */
    ByteBuf frame(final ByteBufAllocator allocator, final ISOMsg response) throws ISOException
    {
        response.setPackager(packager);
        final byte[] body = response.pack();
        final byte[] header = response.getHeader();
        final int headerLength = header != null ? header.length : 0;
        final int length = headerLength + body.length;
        if (length > lengthPrefix.largestEncodable())
        {
            return null;
        }
        FrameReader.writeLength(lengthPrefix, length, prefix, 0);
        final ByteBuf frame = allocator.buffer(lengthPrefix.bytes() + length);
        frame.writeBytes(prefix, 0, lengthPrefix.bytes());
        if (header != null)
        {
            frame.writeBytes(header);
        }
        frame.writeBytes(body);
        return frame;
    }

    private static boolean isAuthorization(final ISOMsg response)
    {
        final int mti = Mti.parse(response.getString(0));
        return mti == Mti.response(Mti.AUTHORIZATION) || mti == Mti.response(Mti.FINANCIAL);
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
