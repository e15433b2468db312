package io.tahweel.tools.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.Iso8583Reader;
import io.tahweel.gateways.iso8583.Mti;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * N acquirer connections (Netty, one I/O thread) that sign on and then carry a run's frames.
 * Each response is read with the gateway's allocation-free {@link Iso8583Reader} (a jPOS unpack
 * per answer made ~2.5 KB of garbage, ~40 MB/s at 15k/s, whose GC pauses landed in the latency
 * of the switch it measures when both share a JVM) and handed to the {@link ResponseListener}.
 */
final class LoadConnections implements AutoCloseable
{
    /** What the load generator is told of each response, on the I/O thread. */
    interface ResponseListener
    {
        /** @param response valid during the call only. */
        void onResponse(Response response, long receivedNanos);
    }

    /** One response, read in place: valid during {@link ResponseListener#onResponse} only. */
    static final class Response
    {
        private final Iso8583Reader reader = new Iso8583Reader(FieldEncoding.BINARY);

        /** The MTI as a number, e.g. 210. */
        int mti()
        {
            return reader.mti();
        }

        /** Field 11, or 0 when absent or not a number. */
        int stan()
        {
            final long stan = reader.number(11);
            return stan < 0 ? 0 : (int)stan;
        }

        /** Field 39 (no allocation), or null. */
        String responseCode()
        {
            return reader.responseCode();
        }

        /** Field 38, or null when the response has none (allocates: audits only). */
        String approvalCode()
        {
            return reader.string(38);
        }
    }

    private static final int MAX_FRAME = 4096;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();
    private volatile ResponseListener listener = (response, at) -> {};
    private volatile CountDownLatch signOns;

    /**
     * Connects and signs on every connection.
     *
     * @throws IllegalStateException when a connection is refused or a sign-on is not answered (nothing is left open).
     */
    LoadConnections(final String host, final int port, final int count) throws InterruptedException
    {
        final ISOPackager packager = Iso8583Packagers.packager(FieldEncoding.BINARY);
        final Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT) // no ByteBuffer slice per write
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline()
                        .addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 2, 0, 2))
                        .addLast(new SimpleChannelInboundHandler<ByteBuf>()
                        {
                            private final byte[] bytes = new byte[MAX_FRAME];
                            private final Response response = new Response();

                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf frame)
                            {
                                final long now = System.nanoTime();
                                final int length = frame.readableBytes();
                                frame.readBytes(bytes, 0, length);
                                if (!response.reader.wrap(bytes, 0, length))
                                {
                                    throw new IllegalStateException("unreadable response of " + length + " bytes");
                                }
                                if (response.mti() == Mti.response(Mti.NETWORK))
                                {
                                    signOns.countDown();
                                    return;
                                }
                                listener.onResponse(response, now);
                            }

                            @Override
                            public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
                            {
                                // A reset by the target (a killed switch) ends the connection; isConnected() says so.
                                // Anything else (a response this client cannot read, a listener that failed) also
                                // ends it, and every answer after it is lost to the run: say why, once.
                                if (!(cause instanceof IOException))
                                {
                                    System.err.println("tahweel load: connection to " + ctx.channel().remoteAddress() +
                                        " closed after an error reading answers: " + cause);
                                }
                                ctx.close();
                            }
                        });
                }
            });
        try
        {
            for (int i = 0; i < count; i++)
            {
                final ChannelFuture connected = bootstrap.connect(host, port).await();
                if (!connected.isSuccess())
                {
                    throw new IllegalStateException("cannot connect to " + host + ":" + port + ": " +
                        connected.cause(), connected.cause());
                }
                channels.add(connected.channel());
            }
            signOn(packager);
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            close(); // a refused connection or unanswered sign-on must not leave the I/O thread running
            throw ex;
        }
    }

    private void signOn(final ISOPackager packager) throws InterruptedException
    {
        signOns = new CountDownLatch(channels.size());
        try
        {
            for (final Channel channel : channels)
            {
                final ISOMsg msg = new ISOMsg("0800");
                msg.setPackager(packager);
                msg.set(7, "1125120000");
                msg.set(11, "000001");
                msg.set(70, "001");
                final byte[] packed = msg.pack();
                final ByteBuf frame = channel.alloc().buffer(packed.length + 2);
                frame.writeShort(packed.length).writeBytes(packed);
                channel.writeAndFlush(frame);
            }
        }
        catch (final ISOException ex)
        {
            throw new IllegalStateException(ex);
        }
        if (!signOns.await(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("sign-on (0800/001) was not answered by the target");
        }
    }

    void listener(final ResponseListener listener)
    {
        this.listener = listener;
    }

    int size()
    {
        return channels.size();
    }

    /** Whether every connection is still open (false once the target closed or lost one). */
    boolean isConnected()
    {
        for (final Channel channel : channels)
        {
            if (!channel.isActive())
            {
                return false;
            }
        }
        return true;
    }

    /** Writes one pre-packed frame on connection {@code index % size}. */
    void send(final int connection, final byte[] bytes, final int offset, final int length)
    {
        final Channel channel = channels.get(connection % channels.size());
        final ByteBuf frame = channel.alloc().buffer(length);
        frame.writeBytes(bytes, offset, length);
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    @Override
    public void close()
    {
        for (final Channel channel : channels)
        {
            channel.close().awaitUninterruptibly(2_000);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
    }
}
