package io.tahweel.gateways.iso8583;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanTokenizer;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The acquirer side of the ISO 8583 gateway: one Netty listener per configured port, each with
 * its wire profile; requests become SBE commands on the node's input ring, outcomes come back
 * through {@link #outcomeRouter()}.
 * <p>
 * Wiring (the router must be the node's outcome listener before the node starts, the gateway
 * needs the node's publisher to take traffic):
 * <pre>
 *   Iso8583Gateway gateway = new Iso8583Gateway(config, tokenizer);
 *   SwitchNode node = SwitchNode.start(context.outcomeListener(gateway.outcomeRouter()), genesis);
 *   gateway.start(node.publisher());
 *   ...
 *   gateway.stop();   // first: no new requests
 *   node.close();
 * </pre>
 * A gateway can be started again after {@link #stop()}, e.g. with the publisher of a restarted
 * node; connection ids keep increasing so a late answer cannot reach a new connection.
 */
public final class Iso8583Gateway implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583");
    private static final int LOW_WATER_MARK = 64 * 1024;
    private static final int HIGH_WATER_MARK = 256 * 1024;
    private static final int ACCEPT_BACKLOG = 128;

    private final Iso8583GatewayConfig config;
    private final PanTokenizer tokenizer;
    private final PanCipher panCipher;
    private final AcquirerConnections connections;
    private final AcquirerLatency latency = new AcquirerLatency();
    private final Iso8583OutcomeRouter router = new Iso8583OutcomeRouter();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Channel> serverChannels = new ArrayList<>();
    private EventLoopGroup group;

    public Iso8583Gateway(final Iso8583GatewayConfig config, final PanTokenizer tokenizer)
    {
        this(config, tokenizer, null);
    }

    /**
     * @param panCipher encrypts every PAN into {@code Authorize.panCipher}, which the issuer links
     *                  need for advices to remote issuers; null leaves the field zero (no advices
     *                  can carry field 2).
     */
    public Iso8583Gateway(final Iso8583GatewayConfig config, final PanTokenizer tokenizer, final PanCipher panCipher)
    {
        if (config.listeners().isEmpty())
        {
            throw new IllegalArgumentException("an ISO 8583 gateway needs at least one listener");
        }
        this.config = config;
        this.tokenizer = tokenizer;
        this.panCipher = panCipher;
        this.connections = new AcquirerConnections(Iso8583Limits.MAX_CONNECTIONS, System.currentTimeMillis());
        final AcquirerResponder responder = new AcquirerResponder(connections);
        router.register(Outcome.NONE, responder::onActions);
        router.register(Outcome.AUTHORIZATION, responder::onActions);
        router.register(Outcome.AUTHORIZATION, responder::onAuthorization);
        router.register(Iso8583OutcomeRouter.REJECTED, responder::onRejected);
        router.forwardedFields(responder::takeForwarded);
    }

    /** Install as (or chain into) {@code NodeContext.outcomeListener}; register more handlers on it. */
    public Iso8583OutcomeRouter outcomeRouter()
    {
        return router;
    }

    /**
     * Binds every listener and starts taking traffic into {@code publisher}.
     *
     * @throws IllegalStateException if already started or a port cannot be bound (nothing stays bound).
     */
    public synchronized void start(final CommandPublisher publisher)
    {
        if (group != null)
        {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        try
        {
            for (final ListenerConfig listener : config.listeners())
            {
                bind(new ListenerRuntime(listener, latency), publisher);
            }
        }
        catch (final RuntimeException ex)
        {
            stop();
            throw ex;
        }
    }

    private void bind(final ListenerRuntime listener, final CommandPublisher publisher)
    {
        final ListenerConfig lc = listener.config();
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            // pooled, not Netty 4.2's default adaptive allocator: that one makes a ByteBuffer slice per socket write
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline()
                        .addLast("frames", new FrameDecoder(lc.lengthPrefix(), lc.maxFrameLength()))
                        .addLast("session", new AcquirerSession(listener, connections, publisher, tokenizer, panCipher));
                }
            });
        final Channel server;
        try
        {
            server = bootstrap.bind(new InetSocketAddress(lc.bindAddress(), lc.port())).sync().channel();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + lc, ex);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("cannot bind " + lc + ": " + ex.getMessage(), ex);
        }
        serverChannels.add(server);
        ports.put(lc.name(), ((InetSocketAddress)server.localAddress()).getPort());
        LOG.log(Level.INFO, "ISO 8583 listener {0} on {1}", lc, server.localAddress());
    }

    /** How long answers took inside the switch, over all listeners. */
    public AcquirerLatency latency()
    {
        return latency;
    }

    /** The port a listener is bound to (useful with port 0). */
    public synchronized int port(final String listenerName)
    {
        final Integer port = ports.get(listenerName);
        if (port == null)
        {
            throw new IllegalArgumentException("no bound listener named " + listenerName);
        }
        return port;
    }

    /** Acquirer connections open now, over all listeners. */
    public int connectionCount()
    {
        return connections.count();
    }

    /**
     * Requests published to the core and not answered yet, over all open connections (monitoring
     * and tests; a moment's view, read without stopping the event loops).
     */
    public int inFlightCount()
    {
        int count = 0;
        for (final AcquirerSession session : connections.snapshot())
        {
            count += session.inFlightCount();
        }
        return count;
    }

    /**
     * Closes the listeners and every connection and waits for the I/O threads to end. Requests in
     * flight are not answered: the acquirer retransmits (as a repeat) to the next node.
     */
    public synchronized void stop()
    {
        if (group == null)
        {
            return;
        }
        for (final Channel server : serverChannels)
        {
            server.close().syncUninterruptibly();
        }
        serverChannels.clear();
        ports.clear();
        for (final AcquirerSession session : connections.snapshot())
        {
            session.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }

    @Override
    public void close()
    {
        stop();
    }
}
