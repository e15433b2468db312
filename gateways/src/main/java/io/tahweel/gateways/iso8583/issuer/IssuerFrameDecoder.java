package io.tahweel.gateways.iso8583.issuer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tahweel.gateways.iso8583.LengthPrefix;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Splits an issuer's TCP stream into messages, per the link's profile:
 * {@code [length prefix][TPDU?][message]}. Each message (TPDU removed) is copied into one reused
 * array and handed to the link's {@link Listener} there and then, on the event loop; the array is
 * zero-filled after the call. Nothing is allocated per frame. A zero length is a keep-alive. A frame
 * over the limit is skipped unread and logged, so the stream stays in step; an ASCII prefix that
 * is not digits loses the framing and closes the link (it reconnects).
 */
final class IssuerFrameDecoder extends ByteToMessageDecoder
{
    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583.issuer");

    private final int issuerId;
    private final LengthPrefix prefix;
    private final int headerLength;
    private final int maxFrameLength;
    private final byte[] message;
    private final Listener listener;
    private long skipping;

    /** What the link does with one message. */
    interface Listener
    {
        /** {@code message[0, length)} is valid only during the call. */
        void onMessage(Channel channel, byte[] message, int length);
    }

    /** @param message the reused array; its length is the largest frame taken (TPDU included). */
    IssuerFrameDecoder(final int issuerId, final LengthPrefix prefix, final int headerLength, final byte[] message,
        final Listener listener)
    {
        this.issuerId = issuerId;
        this.prefix = prefix;
        this.headerLength = headerLength;
        this.maxFrameLength = message.length;
        this.message = message;
        this.listener = listener;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        while (true)
        {
            if (skipping > 0)
            {
                final int skip = (int)Math.min(skipping, in.readableBytes());
                in.skipBytes(skip);
                skipping -= skip;
                if (skipping > 0)
                {
                    return;
                }
            }
            if (in.readableBytes() < prefix.bytes())
            {
                return;
            }
            final int length = statedLength(in);
            if (length < 0)
            {
                LOG.log(Level.WARNING, "issuer {0}: length prefix is not a length, link closed", issuerId);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (length > maxFrameLength)
            {
                LOG.log(Level.WARNING, "issuer {0}: frame of {1} bytes over the limit of {2}, skipped", issuerId,
                    length, maxFrameLength);
                in.skipBytes(prefix.bytes());
                skipping = length;
                continue;
            }
            if (in.readableBytes() < prefix.bytes() + length)
            {
                return;
            }
            in.skipBytes(prefix.bytes());
            if (length <= headerLength)
            {
                in.skipBytes(length);
                continue;
            }
            in.skipBytes(headerLength);
            final int messageLength = length - headerLength;
            in.readBytes(message, 0, messageLength);
            try
            {
                listener.onMessage(ctx.channel(), message, messageLength);
            }
            finally
            {
                java.util.Arrays.fill(message, 0, messageLength, (byte)0);
            }
        }
    }

    private int statedLength(final ByteBuf in)
    {
        final int at = in.readerIndex();
        if (prefix == LengthPrefix.BINARY_2)
        {
            return in.getUnsignedShort(at);
        }
        int length = 0;
        for (int i = 0; i < prefix.bytes(); i++)
        {
            final int c = in.getByte(at + i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** Writes one frame into {@code out}: the prefix, the TPDU (null: none) and {@code message[0, length)}. */
    static void writeFrame(final LengthPrefix prefix, final byte[] tpdu, final byte[] message, final int length,
        final ByteBuf out)
    {
        writeLength(prefix, (tpdu == null ? 0 : tpdu.length) + length, out);
        if (tpdu != null)
        {
            out.writeBytes(tpdu);
        }
        out.writeBytes(message, 0, length);
    }

    /** Writes the prefix for a payload of {@code length} bytes into {@code out}. */
    static void writeLength(final LengthPrefix prefix, final int length, final ByteBuf out)
    {
        if (prefix == LengthPrefix.BINARY_2)
        {
            out.writeShort(length);
            return;
        }
        final int digits = prefix.bytes();
        int divisor = 1;
        for (int i = 1; i < digits; i++)
        {
            divisor *= 10;
        }
        for (int value = length; divisor > 0; divisor /= 10)
        {
            out.writeByte('0' + value / divisor % 10);
        }
    }
}
