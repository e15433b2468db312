package io.tahweel.tools.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.gateways.iso8583.AcquirerCodecPath;
import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.ListenerConfig;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The baseline for "switch-added" latency: a host on loopback that runs each card request
 * through the switch's own ISO 8583 edge ({@link AcquirerCodecPath}: decode, checks, tokenize,
 * the SBE command, the response with the echoed fields) and answers at once with 39 = 00.
 * Latency against it is the cost of the client, the sockets and the gateway's codec; latency
 * against the switch minus this is what the ring, journal, core and hand-offs add. Like the
 * gateway it allocates nothing per card message, so its baseline has no GC pauses the switch
 * does not have. Sign-on (0800) is answered through jPOS: not measured.
 */
public final class EchoHost implements AutoCloseable
{
    private static final int[] ECHOED = {3, 4, 7, 11, 12, 37, 41, 42, 49};
    private static final int MAX_FRAME = 4096;
    /** Any key: the echo host tokenizes the PAN as the gateway would, and throws the token away. */
    private static final byte[] TOKEN_KEY = new byte[PanTokenizer.KEY_LENGTH];

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    public EchoHost() throws InterruptedException
    {
        final ISOPackager packager = Iso8583Packagers.packager(FieldEncoding.BINARY);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT) // as the gateway's
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline()
                        .addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 2, 0, 2))
                        .addLast(new SimpleChannelInboundHandler<ByteBuf>()
                        {
                            private final byte[] bytes = new byte[MAX_FRAME];
                            private final AcquirerCodecPath codec = new AcquirerCodecPath(
                                new ListenerConfig("echo", 0), new PanTokenizer(TOKEN_KEY), null);
                            private final UnsafeBuffer command =
                                new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));

                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf frame)
                                throws ISOException
                            {
                                final int length = frame.readableBytes();
                                frame.readBytes(bytes, 0, length);
                                if (codec.decode(bytes, length) && codec.command(1, 1, command) > 0)
                                {
                                    final ByteBuf out = codec.respond(ctx.alloc(), "00", 0);
                                    if (out != null)
                                    {
                                        ctx.writeAndFlush(out, ctx.voidPromise());
                                    }
                                    return;
                                }
                                final ISOMsg request = new ISOMsg();
                                request.setPackager(packager);
                                request.unpack(Arrays.copyOf(bytes, length));
                                final ISOMsg response = new ISOMsg(responseMti(request.getMTI()));
                                response.setPackager(packager);
                                for (final int field : ECHOED)
                                {
                                    if (request.hasField(field))
                                    {
                                        response.set(field, request.getString(field));
                                    }
                                }
                                if (request.hasField(70))
                                {
                                    response.set(70, request.getString(70));
                                }
                                response.set(39, "00");
                                final byte[] packed = response.pack();
                                final ByteBuf out = ctx.alloc().buffer(packed.length + 2);
                                out.writeShort(packed.length).writeBytes(packed);
                                ctx.writeAndFlush(out);
                            }
                        });
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
    }

    private static String responseMti(final String mti)
    {
        return mti.substring(0, 2) + (char)(mti.charAt(2) + 1) + mti.charAt(3);
    }

    public int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    @Override
    public void close()
    {
        server.close().awaitUninterruptibly(2_000);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
    }
}
