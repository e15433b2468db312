package io.tahweel.gateways.iso8583.issuer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tahweel.gateways.iso8583.LengthPrefix;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Splits an issuer's TCP stream into message payloads ({@code byte[]}, TPDU removed), per the
 * link's profile: {@code [length prefix][TPDU?][message]}. A zero length is a keep-alive. A frame
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
    private long skipping;

    IssuerFrameDecoder(final int issuerId, final LengthPrefix prefix, final int headerLength, final int maxFrameLength)
    {
        this.issuerId = issuerId;
        this.prefix = prefix;
        this.headerLength = headerLength;
        this.maxFrameLength = maxFrameLength;
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
            final byte[] message = new byte[length - headerLength];
            in.readBytes(message);
            out.add(message);
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
