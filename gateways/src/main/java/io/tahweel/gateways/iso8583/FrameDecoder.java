package io.tahweel.gateways.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the TCP stream into frames or {@link FrameError}s. A frame is copied into this decoder's
 * one {@link Frame} buffer (no array per frame) and handed on before the next is read: at most
 * one frame is in Netty's output list at a time, and the session decodes it synchronously in
 * {@code channelRead}, keeping no reference to it. A zero length is a keep-alive and is skipped. A frame over the
 * limit is skipped unread, byte for byte, so the stream stays in step and the connection lives;
 * an ASCII prefix that is not digits loses the framing and is reported fatal.
 */
final class FrameDecoder extends ByteToMessageDecoder
{
    private final LengthPrefix prefix;
    private final int maxFrameLength;
    private final byte[] header = new byte[4];
    private final Frame frame;
    private long skipping;

    FrameDecoder(final LengthPrefix prefix, final int maxFrameLength)
    {
        this.prefix = prefix;
        this.maxFrameLength = maxFrameLength;
        this.frame = new Frame(maxFrameLength);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        // one frame per call: ByteToMessageDecoder passes it on before calling again, so the buffer is free
        while (out.isEmpty())
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
            final int prefixBytes = prefix.bytes();
            if (in.readableBytes() < prefixBytes)
            {
                return;
            }
            in.getBytes(in.readerIndex(), header, 0, prefixBytes);
            final int length = FrameReader.statedLength(prefix, header, 0);
            if (length == FrameReader.BAD_PREFIX)
            {
                in.skipBytes(in.readableBytes());
                out.add(FrameError.BAD_LENGTH_PREFIX);
                return;
            }
            if (length > maxFrameLength)
            {
                in.skipBytes(prefixBytes);
                skipping = length;
                out.add(new FrameError(DecodeError.OVERSIZED_FRAME, length));
                continue;
            }
            if (in.readableBytes() < prefixBytes + length)
            {
                return;
            }
            in.skipBytes(prefixBytes);
            if (length == 0)
            {
                continue;
            }
            in.readBytes(frame.bytes, 0, length);
            frame.length = length;
            out.add(frame);
        }
    }

    /** One frame's payload in a buffer reused for every frame of the connection; valid until the next frame. */
    static final class Frame
    {
        final byte[] bytes;
        int length;

        Frame(final int capacity)
        {
            this.bytes = new byte[capacity];
        }
    }

    /** A framing problem, passed down the pipeline so the session can count it. */
    static final class FrameError
    {
        static final FrameError BAD_LENGTH_PREFIX = new FrameError(DecodeError.BAD_LENGTH_PREFIX, -1);

        final DecodeError error;
        final int statedLength;

        FrameError(final DecodeError error, final int statedLength)
        {
            this.error = error;
            this.statedLength = statedLength;
        }

        boolean fatal()
        {
            return error == DecodeError.BAD_LENGTH_PREFIX;
        }
    }
}
