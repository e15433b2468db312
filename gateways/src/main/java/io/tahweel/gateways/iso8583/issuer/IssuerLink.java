package io.tahweel.gateways.iso8583.issuer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.Mti;
import io.tahweel.sbe.StoreAndForwardKind;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.lang.System.Logger.Level;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The switch's client link to one remote issuer's host. Confined to one Netty event loop: every
 * field below is touched only there; the output thread hands work over with {@link #forward} and
 * {@link #advise}.
 * <pre>
 *   connect ──fail──► wait back-off (min, doubling, max) ──► connect
 *      │ connected
 *      ▼
 *   0800/001 sign-on ──no 0810 within the echo interval, or 39 ≠ 00──► close ──► back-off
 *      │ 0810/39=00
 *      ▼
 *   SIGNED ON: journal IssuerLinkStatus(up=1); back-off reset; 0800/301 echo every interval
 *      │ echo unanswered for a whole interval, TCP closed, or stop()
 *      ▼
 *   journal IssuerLinkStatus(up=0) ──► back-off ──► connect
 * </pre>
 * While signed on: forwarded requests (0100/0200) and advices (0120/0220/0420, repeats
 * 0121/0221/0421 when sent before) go out; answers 0110/0210 are matched by field 37 (the
 * switch's RRN, which is the authorization id) and field 11, and journaled as IssuerResponse; 0130,
 * 0230 and 0430 are journaled as StoreAndForwardAcknowledged. Answers to requests no longer in
 * flight are journaled too: the core decides what a late answer means. The gateway never times
 * out a request: that is the core's journaled timer.
 */
final class IssuerLink
{
    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583.issuer");
    private static final int LOW_WATER_MARK = 64 * 1024;
    private static final int HIGH_WATER_MARK = 256 * 1024;
    private static final long STOP_WAIT_MS = 2_000;

    private final IssuerLinkConfig config;
    private final int issuerId;
    private final ISOBasePackager packager;
    private final IssuerMessages messages;
    private final IssuerEntries entries;
    private final byte[] tpdu;
    private final BoundedLongSet inFlight;
    private final BoundedLongSet advicesSent = new BoundedLongSet(IssuerLimits.ADVICES_REMEMBERED);

    private volatile EventLoop loop;
    private volatile boolean signedOn;
    private volatile int signOns;
    private Bootstrap bootstrap;
    private boolean running;
    private Channel channel;
    private long backoffMs;
    private boolean echoOutstanding;
    private int networkStan;
    private int malformedLogged;
    private ScheduledFuture<?> signOnTimer;
    private ScheduledFuture<?> echoTimer;
    private ScheduledFuture<?> reconnectTimer;

    IssuerLink(final IssuerLinkConfig config, final String switchInstitutionId)
    {
        this.config = config;
        this.issuerId = config.issuerId();
        this.packager = Iso8583Packagers.packager(config.fieldEncoding());
        this.messages = new IssuerMessages(config.institutionId() != null ? config.institutionId() : switchInstitutionId);
        this.entries = new IssuerEntries(issuerId);
        this.tpdu = config.tpdu();
        this.inFlight = new BoundedLongSet(config.maxInFlight());
        this.backoffMs = config.reconnectMinMs();
    }

    int issuerId()
    {
        return issuerId;
    }

    IssuerMessages messages()
    {
        return messages;
    }

    /** Signed on now (any thread; for monitoring and tests). */
    boolean signedOn()
    {
        return signedOn;
    }

    /** Successful sign-ons since start (any thread; for monitoring and tests). */
    int signOns()
    {
        return signOns;
    }

    void start(final EventLoop eventLoop, final CommandPublisher publisher)
    {
        entries.publisher(publisher);
        loop = eventLoop;
        bootstrap = new Bootstrap()
            .group(eventLoop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT) // as the acquirer side: no slice per write
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMs())
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast("frames", new IssuerFrameDecoder(issuerId, config.lengthPrefix(),
                            tpdu == null ? 0 : tpdu.length, config.maxFrameLength()))
                        .addLast("link", new Handler());
                }
            });
        eventLoop.execute(() ->
        {
            running = true;
            connect();
        });
    }

    /** Closes the link (journaling it down if it was up) and stops reconnecting. Waits for it. */
    void stop()
    {
        final EventLoop eventLoop = loop;
        if (eventLoop == null)
        {
            return;
        }
        try
        {
            final ChannelFuture closing = eventLoop.submit(() ->
            {
                running = false;
                cancel(reconnectTimer);
                final Channel ch = channel;
                return ch == null ? null : ch.close();
            }).syncUninterruptibly().getNow();
            if (closing != null)
            {
                closing.awaitUninterruptibly(STOP_WAIT_MS);
            }
            // the channel's inactive event (which journals the link down) is queued behind the close
            eventLoop.submit(() -> null).awaitUninterruptibly(STOP_WAIT_MS);
        }
        catch (final RejectedExecutionException ex)
        {
            LOG.log(Level.DEBUG, "issuer {0}: event loop already shut down", issuerId);
        }
    }

    /** From the output thread: sends a forwarded request if signed on; otherwise the core stands in at its time-out. */
    void forward(final ISOMsg request, final long authorizationId)
    {
        forward(request, authorizationId, null);
    }

    /**
     * As above; {@code fields} (may be null: the PIN block, track 2... already set on
     * {@code request}) are wiped once the request is written or dropped.
     */
    void forward(final ISOMsg request, final long authorizationId, final ForwardedFields fields)
    {
        final boolean queued = onLoop(() ->
        {
            try
            {
                if (!signedOn || channel == null)
                {
                    LOG.log(Level.WARNING, "issuer {0}: not signed on, authorization {1} not forwarded " +
                        "(stand-in at the time-out)", issuerId, authorizationId);
                    return;
                }
                inFlight.add(authorizationId);
                write(request, "authorization " + authorizationId);
            }
            finally
            {
                wipe(fields);
            }
        });
        if (!queued)
        {
            wipe(fields);
        }
    }

    private static void wipe(final ForwardedFields fields)
    {
        if (fields != null)
        {
            fields.wipe();
        }
    }

    /** From the output thread: sends an advice; a second send of the same advice goes as a repeat. */
    void advise(final ISOMsg advice, final long authorizationId, final int kind)
    {
        onLoop(() ->
        {
            if (!signedOn || channel == null)
            {
                LOG.log(Level.INFO, "issuer {0}: not signed on, advice for authorization {1} waits for the core's retry",
                    issuerId, authorizationId);
                return;
            }
            if (!advicesSent.add(adviceKey(authorizationId, kind)))
            {
                IssuerMessages.setMti(advice, Mti.parse(advice.getString(0)) + 1);
            }
            write(advice, "advice " + advice.getString(0) + " for authorization " + authorizationId);
        });
    }

    /** Runs {@code task} on the link's event loop; false when it cannot (link never started or stopped). */
    private boolean onLoop(final Runnable task)
    {
        final EventLoop eventLoop = loop;
        if (eventLoop == null)
        {
            return false;
        }
        try
        {
            eventLoop.execute(task);
            return true;
        }
        catch (final RejectedExecutionException ex)
        {
            LOG.log(Level.DEBUG, "issuer {0}: link stopped, message dropped", issuerId);
            return false;
        }
    }

    private void connect()
    {
        if (!running)
        {
            return;
        }
        LOG.log(Level.DEBUG, "issuer {0}: connecting to {1}:{2}", issuerId, config.host(), config.port());
        final ChannelFuture future = bootstrap.connect(config.host(), config.port());
        future.addListener(f ->
        {
            if (!f.isSuccess())
            {
                LOG.log(Level.INFO, "issuer {0}: cannot connect to {1}:{2} ({3}), retry in {4} ms", issuerId,
                    config.host(), config.port(), f.cause().getClass().getSimpleName(), backoffMs);
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect()
    {
        if (!running)
        {
            return;
        }
        final long delay = backoffMs;
        backoffMs = Math.min(backoffMs * 2, config.reconnectMaxMs());
        reconnectTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void onActive(final Channel ch)
    {
        if (!running)
        {
            ch.close();
            return;
        }
        channel = ch;
        malformedLogged = 0;
        echoOutstanding = false;
        LOG.log(Level.INFO, "issuer {0}: connected to {1}, signing on", issuerId, ch.remoteAddress());
        write(messages.network(IssuerMessages.SIGN_ON, nextNetworkStan(), now()), "sign-on");
        signOnTimer = loop.schedule(() ->
        {
            if (channel == ch && !signedOn)
            {
                LOG.log(Level.WARNING, "issuer {0}: no answer to sign-on within {1} ms, link closed", issuerId,
                    config.echoIntervalMs());
                ch.close();
            }
        }, config.echoIntervalMs(), TimeUnit.MILLISECONDS);
    }

    private void onInactive(final Channel ch)
    {
        if (channel != ch)
        {
            return;
        }
        channel = null;
        cancel(signOnTimer);
        cancel(echoTimer);
        if (signedOn)
        {
            signedOn = false;
            LOG.log(Level.WARNING, "issuer {0}: link down", issuerId);
            entries.linkStatus(false);
        }
        scheduleReconnect();
    }

    private void onFrame(final byte[] bytes)
    {
        final ISOMsg msg = new ISOMsg();
        msg.setPackager(packager);
        final int mti;
        try
        {
            msg.unpack(bytes);
            mti = Mti.parse(msg.getMTI());
        }
        catch (final ISOException | RuntimeException ex)
        {
            malformed("cannot unpack a frame of " + bytes.length + " bytes (" + ex.getClass().getSimpleName() + ')');
            return;
        }
        switch (mti)
        {
            case 800 -> onNetworkRequest(msg);
            case 810 -> onNetworkResponse(msg);
            case 110, 210 -> onAuthorizationResponse(msg);
            case 130 -> onAdviceResponse(msg, StoreAndForwardKind.STAND_IN_ADVICE);
            case 230 -> onAdviceResponse(msg, StoreAndForwardKind.COMPLETION_ADVICE);
            case 430 -> onAdviceResponse(msg, StoreAndForwardKind.REVERSAL_ADVICE);
            default -> malformed("unexpected MTI " + mti);
        }
    }

    /** The issuer's own network management (echo, sign-on of its side): always answered 00. */
    private void onNetworkRequest(final ISOMsg msg)
    {
        final ISOMsg response = new ISOMsg();
        IssuerMessages.setMti(response, 810);
        for (final int field : new int[]{ 7, 11, 33, 70 })
        {
            if (msg.hasField(field))
            {
                response.set(field, msg.getString(field));
            }
        }
        response.set(39, IssuerMessages.APPROVED);
        write(response, "0810");
    }

    private void onNetworkResponse(final ISOMsg msg)
    {
        final String function = msg.getString(70);
        final String code = msg.getString(39);
        if (IssuerMessages.SIGN_ON.equals(function))
        {
            cancel(signOnTimer);
            if (!IssuerMessages.APPROVED.equals(code))
            {
                LOG.log(Level.WARNING, "issuer {0}: sign-on refused ({1}), link closed", issuerId, printable(code));
                channel.close();
                return;
            }
            if (!signedOn)
            {
                // journaled before the flag is seen: whoever sees the link up sees it ahead in the ring
                entries.linkStatus(true);
                signedOn = true;
                signOns++;
                backoffMs = config.reconnectMinMs();
                LOG.log(Level.INFO, "issuer {0}: signed on", issuerId);
                echoTimer = loop.scheduleAtFixedRate(this::echo, config.echoIntervalMs(), config.echoIntervalMs(),
                    TimeUnit.MILLISECONDS);
            }
        }
        else if (IssuerMessages.ECHO.equals(function))
        {
            echoOutstanding = false;
        }
    }

    private void echo()
    {
        final Channel ch = channel;
        if (!signedOn || ch == null)
        {
            return;
        }
        if (echoOutstanding)
        {
            LOG.log(Level.WARNING, "issuer {0}: echo not answered within {1} ms, link closed", issuerId,
                config.echoIntervalMs());
            ch.close();
            return;
        }
        echoOutstanding = true;
        write(messages.network(IssuerMessages.ECHO, nextNetworkStan(), now()), "echo");
    }

    private void onAuthorizationResponse(final ISOMsg msg)
    {
        final long authorizationId = IssuerMessages.authorizationId(msg.getString(37));
        if (authorizationId < 0)
        {
            malformed(msg.getString(0) + " whose field 37 is not a switch RRN");
            return;
        }
        final String stan = msg.getString(11);
        if (stan == null || !stan.equals(IssuerMessages.digits(IssuerMessages.stan(authorizationId), 6)))
        {
            malformed(msg.getString(0) + " for authorization " + authorizationId + " whose field 11 does not match");
            return;
        }
        final String code = msg.getString(39);
        if (!isResponseCode(code))
        {
            malformed(msg.getString(0) + " for authorization " + authorizationId + " without a valid field 39");
            return;
        }
        if (!inFlight.remove(authorizationId))
        {
            LOG.log(Level.INFO, "issuer {0}: answer {1} for authorization {2} not in flight (late or repeated), journaled",
                issuerId, code, authorizationId);
        }
        final String approval = msg.getString(38);
        entries.response(authorizationId, code, approval != null && !approval.isBlank() ? approval : null);
    }

    private void onAdviceResponse(final ISOMsg msg, final StoreAndForwardKind kind)
    {
        final long authorizationId = IssuerMessages.authorizationId(msg.getString(37));
        if (authorizationId < 0)
        {
            malformed(msg.getString(0) + " whose field 37 is not a switch RRN");
            return;
        }
        final String code = msg.getString(39);
        if (!IssuerMessages.APPROVED.equals(code))
        {
            // an advice response acknowledges receipt, whatever it says about the advice
            LOG.log(Level.INFO, "issuer {0}: {1} for authorization {2} answered {3}", issuerId, kind, authorizationId,
                printable(code));
        }
        advicesSent.remove(adviceKey(authorizationId, kind.value()));
        entries.acknowledged(authorizationId, kind);
    }

    /** Packs and writes one message; false when it cannot go (logged, never with field values). */
    private boolean write(final ISOMsg msg, final String what)
    {
        final Channel ch = channel;
        if (ch == null || !ch.isActive())
        {
            return false;
        }
        if (!ch.isWritable())
        {
            LOG.log(Level.WARNING, "issuer {0}: link not writable (issuer not reading), {1} dropped", issuerId, what);
            return false;
        }
        final byte[] body;
        try
        {
            msg.setPackager(packager);
            body = msg.pack();
        }
        catch (final ISOException | RuntimeException ex)
        {
            LOG.log(Level.WARNING, "issuer {0}: cannot pack {1} ({2})", issuerId, what, ex.getClass().getSimpleName());
            return false;
        }
        final int headerLength = tpdu == null ? 0 : tpdu.length;
        final int length = headerLength + body.length;
        if (length > config.lengthPrefix().largestEncodable())
        {
            LOG.log(Level.WARNING, "issuer {0}: {1} too long for the length prefix, dropped", issuerId, what);
            return false;
        }
        final ByteBuf frame = ch.alloc().buffer(config.lengthPrefix().bytes() + length);
        IssuerFrameDecoder.writeLength(config.lengthPrefix(), length, frame);
        if (tpdu != null)
        {
            frame.writeBytes(tpdu);
        }
        frame.writeBytes(body);
        java.util.Arrays.fill(body, (byte)0); // it held the PAN (and on a forward the PIN block and track 2)
        ch.writeAndFlush(frame, ch.voidPromise());
        return true;
    }

    /** Logs why an issuer message was dropped: the reason and ids only, never a field's value (card data). */
    private void malformed(final String reason)
    {
        if (malformedLogged < IssuerLimits.MALFORMED_LOG_BUDGET)
        {
            malformedLogged++;
            LOG.log(Level.WARNING, "issuer {0}: message dropped: {1}", issuerId, reason);
        }
    }

    private int nextNetworkStan()
    {
        networkStan = networkStan % 999_999 + 1;
        return networkStan;
    }

    static long adviceKey(final long authorizationId, final int kind)
    {
        return (authorizationId << 2) | kind;
    }

    static boolean isResponseCode(final String code)
    {
        return code != null && code.length() == 2 && Character.isLetterOrDigit(code.charAt(0)) &&
            Character.isLetterOrDigit(code.charAt(1)) && code.charAt(0) < 128 && code.charAt(1) < 128;
    }

    private static String printable(final String code)
    {
        return isResponseCode(code) ? code : "?";
    }

    private static String now()
    {
        final ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC);
        return IssuerMessages.digits(t.getMonthValue(), 2) + IssuerMessages.digits(t.getDayOfMonth(), 2) +
            IssuerMessages.digits(t.getHour(), 2) + IssuerMessages.digits(t.getMinute(), 2) +
            IssuerMessages.digits(t.getSecond(), 2);
    }

    private static void cancel(final ScheduledFuture<?> timer)
    {
        if (timer != null)
        {
            timer.cancel(false);
        }
    }

    /** The link's channel handler; every callback runs on the link's event loop. */
    private final class Handler extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelActive(final ChannelHandlerContext ctx)
        {
            onActive(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            onInactive(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof byte[] && channel == ctx.channel())
            {
                onFrame((byte[])msg);
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            LOG.log(Level.WARNING, "issuer {0}: link closed after {1}", issuerId, cause.getClass().getSimpleName());
            ctx.close();
        }
    }
}
