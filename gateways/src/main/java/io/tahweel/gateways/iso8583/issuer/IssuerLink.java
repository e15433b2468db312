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
import io.tahweel.gateways.iso8583.FieldFormats;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.Iso8583Writer;
import io.tahweel.sbe.AuthorizeDecoder;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.lang.System.Logger.Level;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p>
 * The per-message path has no jPOS and allocates nothing once warm (IssuerPathAllocationTest):
 * <pre>
 *   output thread   IssuerMessageWriter ─► IssuerOutbox.staging ─► ring record ─► wake the loop (once per batch)
 *   event loop      drain: record ─► frame ByteBuf (prefix, TPDU, message) ─► channel
 *                   IssuerFrameDecoder ─► reused frame array ─► IssuerAnswer (Iso8583Fields in place) ─► IssuerEntries
 * </pre>
 * Network management (0800/0810: sign-on, echo, the issuer's own) is rare and keeps jPOS: an
 * {@code ISOMsg} packed or unpacked with the link's packager.
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
    private final IssuerOutbox outbox;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final IssuerOutbox.Handler sender = this::send;
    // output thread only
    private final IssuerMessageWriter writer;
    // event loop only
    private final IssuerMessageWriter repeats;
    private final IssuerAnswer answer;
    private final byte[] frame;
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
        final String institutionId = config.institutionId() != null ? config.institutionId() : switchInstitutionId;
        this.messages = new IssuerMessages(institutionId);
        final FieldFormats formats = FieldFormats.of(config.fieldEncoding());
        this.writer = new IssuerMessageWriter(formats, institutionId);
        this.repeats = new IssuerMessageWriter(formats, institutionId);
        this.answer = new IssuerAnswer(formats);
        this.frame = new byte[config.maxFrameLength()];
        this.entries = new IssuerEntries(issuerId);
        this.tpdu = config.tpdu();
        this.inFlight = new BoundedLongSet(config.maxInFlight());
        this.outbox = new IssuerOutbox(IssuerLimits.outboxBytes(config.maxInFlight()));
        this.backoffMs = config.reconnectMinMs();
    }

    int issuerId()
    {
        return issuerId;
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
                            tpdu == null ? 0 : tpdu.length, frame, IssuerLink.this::onFrame))
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
                outbox.drain(sender); // what was queued goes out before the close: nothing stays in the outbox
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

    /**
     * From the output thread: writes the request forwarding {@code authorize} (PAN, and the
     * acquirer's in-memory {@code fields}, may be null) into the outbox; the loop sends it if
     * signed on, otherwise the core stands in at its time-out. The caller wipes {@code pan} and
     * {@code fields}: once this returns no copy of them is left but the queued message.
     */
    void forward(final AuthorizeDecoder authorize, final long authorizationId, final byte[] pan, final int panLength,
        final ForwardedFields fields)
    {
        if (loop == null)
        {
            return;
        }
        final int length = writer.request(authorize, authorizationId, pan, panLength, fields, outbox.staging(),
            IssuerOutbox.MESSAGE_OFFSET, outbox.staging().length);
        offer(IssuerOutbox.FORWARD, authorizationId, 0, length);
    }

    /** From the output thread: writes an advice into the outbox; the loop sends it (as a repeat when sent before). */
    void advise(final AuthorizeDecoder authorize, final long authorizationId, final int kind, final long amount,
        final byte[] pan, final int panLength)
    {
        if (loop == null)
        {
            return;
        }
        final int length = writer.advice(authorize, authorizationId, kind, amount, pan, panLength, outbox.staging(),
            IssuerOutbox.MESSAGE_OFFSET, outbox.staging().length);
        if (length == IssuerMessageWriter.UNKNOWN_KIND)
        {
            LOG.log(Level.ERROR, "issuer {0}: unknown store-and-forward kind {1}", issuerId, kind);
            return;
        }
        offer(IssuerOutbox.ADVICE, authorizationId, kind, length);
    }

    private void offer(final int type, final long authorizationId, final int kind, final int length)
    {
        if (length == Iso8583Writer.NOT_WRITTEN)
        {
            Arrays.fill(outbox.staging(), (byte)0);
            LOG.log(Level.WARNING, "issuer {0}: cannot pack {1} (a value does not fit its field)", issuerId,
                describe(type, authorizationId, kind));
            return;
        }
        if (!outbox.offer(type, authorizationId, kind, length))
        {
            LOG.log(Level.WARNING, "issuer {0}: outbox full (issuer not reading), {1} dropped", issuerId,
                describe(type, authorizationId, kind));
            return;
        }
        if (drainScheduled.compareAndSet(false, true))
        {
            onLoop(drain);
        }
    }

    /** On the loop: sends everything queued. The flag is cleared first, so a record offered meanwhile schedules another drain. */
    private void drain()
    {
        drainScheduled.set(false);
        outbox.drain(sender);
    }

    /** On the loop: one queued message, sent if signed on. */
    private void send(final int type, final long authorizationId, final int kind, final byte[] message,
        final int length)
    {
        if (!signedOn || channel == null)
        {
            if (type == IssuerOutbox.FORWARD)
            {
                LOG.log(Level.WARNING, "issuer {0}: not signed on, authorization {1} not forwarded " +
                    "(stand-in at the time-out)", issuerId, authorizationId);
            }
            else
            {
                LOG.log(Level.INFO, "issuer {0}: not signed on, advice for authorization {1} waits for the core's retry",
                    issuerId, authorizationId);
            }
            return;
        }
        if (type == IssuerOutbox.FORWARD)
        {
            inFlight.add(authorizationId);
        }
        else if (!advicesSent.add(adviceKey(authorizationId, kind)))
        {
            repeats.markRepeat(message, 0, IssuerMessageWriter.adviceMti(kind));
        }
        writeFrame(message, length, type, authorizationId, kind);
    }

    /** What a message is, for a log line (built only when logged). */
    private static String describe(final int type, final long authorizationId, final int kind)
    {
        return type == IssuerOutbox.FORWARD ? "authorization " + authorizationId :
            "advice " + IssuerMessages.mti(IssuerMessageWriter.adviceMti(kind)) + " for authorization " + authorizationId;
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

    /** On the loop: one frame's message in {@code bytes[0, length)} (the decoder's reused array, wiped after). */
    private void onFrame(final Channel ch, final byte[] bytes, final int length)
    {
        if (channel != ch)
        {
            return;
        }
        final int verdict = answer.read(bytes, length);
        switch (verdict)
        {
            case IssuerAnswer.AUTHORIZATION_RESPONSE -> onAuthorizationResponse();
            case IssuerAnswer.ADVICE_RESPONSE -> onAdviceResponse();
            case IssuerAnswer.NETWORK_REQUEST, IssuerAnswer.NETWORK_RESPONSE -> onNetwork(bytes, length, verdict);
            default -> malformed(answer.reason(verdict));
        }
    }

    /** Network management, rare: unpacked into an ISOMsg with the link's packager. */
    private void onNetwork(final byte[] bytes, final int length, final int verdict)
    {
        final ISOMsg msg = new ISOMsg();
        msg.setPackager(packager);
        try
        {
            msg.unpack(Arrays.copyOf(bytes, length));
        }
        catch (final ISOException | RuntimeException ex)
        {
            malformed("cannot unpack a frame of " + length + " bytes (" + ex.getClass().getSimpleName() + ')');
            return;
        }
        if (verdict == IssuerAnswer.NETWORK_REQUEST)
        {
            onNetworkRequest(msg);
        }
        else
        {
            onNetworkResponse(msg);
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

    private void onAuthorizationResponse()
    {
        final long authorizationId = answer.authorizationId();
        if (!inFlight.remove(authorizationId))
        {
            LOG.log(Level.INFO, "issuer {0}: answer {1} for authorization {2} not in flight (late or repeated), journaled",
                issuerId, printable(answer.string(39)), authorizationId);
        }
        entries.response(authorizationId, answer);
    }

    private void onAdviceResponse()
    {
        final long authorizationId = answer.authorizationId();
        if (!answer.approved())
        {
            // an advice response acknowledges receipt, whatever it says about the advice
            LOG.log(Level.INFO, "issuer {0}: {1} for authorization {2} answered {3}", issuerId, answer.adviceKind(),
                authorizationId, printable(answer.string(39)));
        }
        advicesSent.remove(adviceKey(authorizationId, answer.adviceKind().value()));
        entries.acknowledged(authorizationId, answer.adviceKind());
    }

    /** Packs (jPOS: network management only) and writes one message; false when it cannot go (logged). */
    private boolean write(final ISOMsg msg, final String what)
    {
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
        return writeFrame(body, body.length, what);
    }

    private boolean writeFrame(final byte[] body, final int bodyLength, final int type, final long authorizationId,
        final int kind)
    {
        return writeFrame(body, bodyLength, type, authorizationId, kind, null);
    }

    private boolean writeFrame(final byte[] body, final int bodyLength, final String what)
    {
        return writeFrame(body, bodyLength, 0, 0, 0, what);
    }

    /**
     * Writes {@code body[0, bodyLength)} as one frame: length prefix, TPDU, message; false when it
     * cannot go (logged, never with field values: {@code what}, or the message described from its
     * type and ids only then).
     */
    private boolean writeFrame(final byte[] body, final int bodyLength, final int type, final long authorizationId,
        final int kind, final String what)
    {
        final Channel ch = channel;
        if (ch == null || !ch.isActive())
        {
            return false;
        }
        if (!ch.isWritable())
        {
            LOG.log(Level.WARNING, "issuer {0}: link not writable (issuer not reading), {1} dropped", issuerId,
                what != null ? what : describe(type, authorizationId, kind));
            return false;
        }
        final int headerLength = tpdu == null ? 0 : tpdu.length;
        final int length = headerLength + bodyLength;
        if (length > config.lengthPrefix().largestEncodable())
        {
            LOG.log(Level.WARNING, "issuer {0}: {1} too long for the length prefix, dropped", issuerId,
                what != null ? what : describe(type, authorizationId, kind));
            return false;
        }
        final ByteBuf out = ch.alloc().buffer(config.lengthPrefix().bytes() + length);
        IssuerFrameDecoder.writeFrame(config.lengthPrefix(), tpdu, body, bodyLength, out);
        ch.writeAndFlush(out, ch.voidPromise());
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
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            LOG.log(Level.WARNING, "issuer {0}: link closed after {1}", issuerId, cause.getClass().getSimpleName());
            ctx.close();
        }
    }
}
