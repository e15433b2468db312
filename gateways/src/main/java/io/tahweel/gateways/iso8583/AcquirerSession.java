package io.tahweel.gateways.iso8583;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanTokenizer;

import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;

/**
 * One acquirer connection: sign-on state, error budget, in-flight requests. Runs on its
 * channel's event loop; the only entry from another thread is {@link #deliver}, which hops onto
 * the event loop.
 * <pre>
 *   frame (one reused buffer) ─► MessageDecoder (flyweight) ─► malformed? ─► answer 30 if identifiable, else drop; count against the budget
 *                 │ ok
 *                 ├─ 0800 ─► sign-on / sign-off / echo ─► 0810
 *                 ├─ not signed on ─► answer 91, nothing published
 *                 └─ card message ─► RequestTranslator ─► in-flight table (echoed fields' bytes) ─► ring slot (SBE) ─► publish
 *   output thread ─► deliver(correlationId, result) ─► AnswerQueue ─► event loop ─► in-flight template + 39 (+38) ─► ByteBuf ─► write
 *   output thread ─► release(correlationId) (ACTION_NOT_ANSWERED) ─► event loop ─► in-flight entry dropped, nothing sent
 *   output thread ─► takeForwarded(correlationId) (ACTION_FORWARD) ─► the request's ForwardedFields, to the issuer link
 * </pre>
 * An authorization (0100/0200 and repeats) in flight also keeps a {@link ForwardedFields}: PIN
 * block, track 2 and the other fields a remote issuer needs that the journal does not keep. They
 * are wiped when the request is answered or released, or when the connection closes, unless the
 * issuer side took them first (then it wipes them once the forward is written). The card data
 * (2, 35, 45, 52) is zero-filled in the frame buffer once the frame is handled.
 */
final class AcquirerSession extends ChannelInboundHandlerAdapter
{
    static final String SIGN_ON = "001";
    static final String SIGN_OFF = "002";
    static final String ECHO = "301";

    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583");

    private final ListenerRuntime listener;
    private final AcquirerConnections connections;
    private final CommandPublisher publisher;
    private final MessageDecoder decoder;
    private final DecodedFrame frame = new DecodedFrame();
    private final RequestTranslator translator;
    private final CardRequest request = new CardRequest();
    private final CardCommandEncoder encoder = new CardCommandEncoder();
    private final InFlightTable inFlight;
    private final ResponseWriter writer;
    /** For answers given at once (not kept in flight): 30, 91, 0810. */
    private final ResponseTemplate immediate = new ResponseTemplate();
    private final Runnable drainAnswers = this::drainAnswers;
    /** Made once the connection is taken (not for refused ones); set before the connection is findable. */
    private volatile AnswerQueue answers;
    private volatile long connectionId;
    private volatile ChannelHandlerContext ctx;
    private boolean signedOn;
    private boolean counted;
    private int errors;
    private int goodFrames;
    private long frameReceivedNanos;

    AcquirerSession(final ListenerRuntime listener, final AcquirerConnections connections,
        final CommandPublisher publisher, final PanTokenizer tokenizer)
    {
        this(listener, connections, publisher, tokenizer, null);
    }

    AcquirerSession(final ListenerRuntime listener, final AcquirerConnections connections,
        final CommandPublisher publisher, final PanTokenizer tokenizer, final PanCipher panCipher)
    {
        this.listener = listener;
        this.connections = connections;
        this.publisher = publisher;
        this.decoder = listener.decoder();
        this.translator = new RequestTranslator(tokenizer, listener.config(), panCipher);
        this.inFlight = new InFlightTable(listener.config().maxInFlightPerConnection());
        this.writer = new ResponseWriter(decoder.formats(), listener.config().lengthPrefix());
    }

    long connectionId()
    {
        return connectionId;
    }

    void connectionId(final long connectionId)
    {
        this.connectionId = connectionId;
    }

    boolean signedOn()
    {
        return signedOn;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        if (!listener.tryOpen())
        {
            LOG.log(Level.WARNING, "{0}: connection from {1} refused: {2} connections open (limit)",
                listener.config().name(), ctx.channel().remoteAddress(), listener.config().maxConnections());
            ctx.close();
            return;
        }
        counted = true;
        answers = new AnswerQueue(this::answer);
        if (connections.register(this) == 0)
        {
            LOG.log(Level.WARNING, "{0}: connection from {1} refused: gateway connection table full",
                listener.config().name(), ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        LOG.log(Level.DEBUG, "{0}: connection {1} from {2}", listener.config().name(), Long.toHexString(connectionId),
            ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (counted)
        {
            counted = false;
            listener.closed();
        }
        connections.unregister(connectionId);
        inFlight.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!ctx.channel().isActive() || connectionId == 0)
        {
            return;
        }
        if (msg instanceof FrameDecoder.Frame)
        {
            final FrameDecoder.Frame received = (FrameDecoder.Frame)msg;
            frameReceivedNanos = System.nanoTime();
            onFrame(received.bytes, received.length);
        }
        else if (msg instanceof FrameDecoder.FrameError)
        {
            final FrameDecoder.FrameError error = (FrameDecoder.FrameError)msg;
            malformed(error.error, "stated length " + error.statedLength);
            if (error.fatal())
            {
                ctx.close();
            }
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        // a slow reader stops our reading: the in-flight limit then bounds what waits for it
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.log(Level.WARNING, "{0}: connection {1} closed after {2}", listener.config().name(),
            Long.toHexString(connectionId), cause.getClass().getSimpleName());
        ctx.close();
    }

    /**
     * An answer for one of this connection's requests, from the output stage thread. Never
     * blocks it: the answer is queued ({@link AnswerQueue}, no task object per answer) and the
     * event loop drains the queue.
     */
    void deliver(final long correlationId, final String responseCode, final long authorizationId)
    {
        deliver(correlationId, responseCode, authorizationId, null);
    }

    /** As above, with a remote issuer's own approval code for field 38 (null: derived from the authorization id). */
    void deliver(final long correlationId, final String responseCode, final long authorizationId,
        final String approvalCode)
    {
        final ChannelHandlerContext context = ctx;
        if (context == null)
        {
            return;
        }
        final AnswerQueue queue = answers;
        try
        {
            if (queue != null && queue.offer(correlationId, responseCode, authorizationId, approvalCode))
            {
                if (queue.claimDrain())
                {
                    context.executor().execute(drainAnswers);
                }
                return;
            }
            // queue full (the event loop is far behind): a task of its own, as the queue would have been drained
            context.executor().execute(() -> answer(correlationId, responseCode, authorizationId, approvalCode));
        }
        catch (final RejectedExecutionException ex)
        {
            LOG.log(Level.DEBUG, "answer for a closed event loop dropped");
        }
    }

    /**
     * The core will not answer this request ({@code Outcome.ACTION_NOT_ANSWERED}: a repeat while
     * its original still waits for the issuer, whose answer will come). From the output thread:
     * the in-flight entry is released on the event loop, and nothing is sent.
     */
    void release(final long correlationId)
    {
        final ChannelHandlerContext context = ctx;
        if (context == null)
        {
            return;
        }
        try
        {
            context.executor().execute(() ->
            {
                if (inFlight.remove(correlationId) == null)
                {
                    LOG.log(Level.DEBUG, "{0}: no request in flight for correlation {1} to release",
                        listener.config().name(), correlationId);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            LOG.log(Level.DEBUG, "release for a closed event loop dropped");
        }
    }

    /** The forwarded fields of a request in flight, now the caller's to wipe; null if none. Any thread. */
    ForwardedFields takeForwarded(final long correlationId)
    {
        return inFlight.takeForwarded(correlationId);
    }

    /** Requests of this connection in flight (any thread; monitoring and tests). */
    int inFlightCount()
    {
        return inFlight.size();
    }

    void close()
    {
        final ChannelHandlerContext context = ctx;
        if (context != null)
        {
            context.close();
        }
    }

    private void drainAnswers()
    {
        answers.drain();
    }

    private void answer(final long correlationId, final String responseCode, final long authorizationId,
        final String approvalCode)
    {
        final ResponseTemplate response = inFlight.remove(correlationId);
        if (response == null)
        {
            LOG.log(Level.DEBUG, "{0}: no request in flight for correlation {1}", listener.config().name(),
                correlationId);
            return;
        }
        final long receivedNanos = response.receivedNanos;
        send(response, responseCode, authorizationId, approvalCode);
        listener.latency().record(receivedNanos);
    }

    private void onFrame(final byte[] bytes, final int length)
    {
        decoder.decode(bytes, length, frame);
        try
        {
            onDecoded();
        }
        finally
        {
            wipeCardData(frame.fields);
        }
    }

    private void onDecoded()
    {
        final Iso8583Fields fields = frame.fields;
        if (!frame.ok())
        {
            if (frame.answerable())
            {
                reply(fields, frame.mti, ResponseCodes.FORMAT_ERROR);
            }
            malformed(frame.error, frame.detail);
            return;
        }
        goodFrame();
        if (frame.mti == Mti.NETWORK)
        {
            onNetworkManagement(fields);
        }
        else if (!signedOn)
        {
            reply(fields, frame.mti, ResponseCodes.SYSTEM_UNAVAILABLE);
        }
        else
        {
            onCardMessage(fields, frame.mti);
        }
    }

    private void onNetworkManagement(final Iso8583Fields msg)
    {
        if (!msg.has(70))
        {
            reply(msg, Mti.NETWORK, ResponseCodes.FORMAT_ERROR);
            malformed(DecodeError.MISSING_OR_BAD_REQUIRED_FIELD, "0800 without field 70");
            return;
        }
        if (msg.has(32) && !listener.config().allows(acquirerOrZero(msg)))
        {
            reply(msg, Mti.NETWORK, ResponseCodes.INVALID_ACQUIRER);
            return;
        }
        if (msg.equalsAscii(70, SIGN_ON))
        {
            signedOn = true;
            reply(msg, Mti.NETWORK, ResponseCodes.APPROVED);
        }
        else if (msg.equalsAscii(70, SIGN_OFF))
        {
            signedOn = false;
            reply(msg, Mti.NETWORK, ResponseCodes.APPROVED);
        }
        else if (msg.equalsAscii(70, ECHO))
        {
            reply(msg, Mti.NETWORK, ResponseCodes.APPROVED);
        }
        else
        {
            reply(msg, Mti.NETWORK, ResponseCodes.INVALID_TRANSACTION);
        }
    }

    private void onCardMessage(final Iso8583Fields msg, final int mti)
    {
        final int translated = translator.translate(msg, mti, request);
        if (translated != RequestTranslator.OK)
        {
            if (translated == RequestTranslator.ACQUIRER_NOT_ALLOWED)
            {
                reply(msg, mti, ResponseCodes.INVALID_ACQUIRER);
                return;
            }
            reply(msg, mti, ResponseCodes.FORMAT_ERROR);
            malformed(DecodeError.MISSING_OR_BAD_REQUIRED_FIELD, "field " + translator.badField());
            return;
        }
        final long correlationId = inFlight.put();
        if (correlationId == InFlightTable.NONE)
        {
            reply(msg, mti, ResponseCodes.SYSTEM_UNAVAILABLE);
            LOG.log(Level.DEBUG, "{0}: connection {1} has {2} requests in flight (limit): answered 91",
                listener.config().name(), Long.toHexString(connectionId), inFlight.capacity());
            return;
        }
        final ResponseTemplate response = inFlight.response(correlationId);
        ResponseWriter.template(msg, mti, frame, response);
        response.receivedNanos = frameReceivedNanos;
        if (request.kind == CardRequest.AUTHORIZE)
        {
            // kept in memory only, for a forward to a remote issuer: the journal has none of these fields
            inFlight.keepForwarded(correlationId, msg);
        }
        final CommandSlot slot = publisher.tryClaim();
        if (slot == null)
        {
            send(inFlight.remove(correlationId), ResponseCodes.SYSTEM_UNAVAILABLE, 0, null);
            return;
        }
        int length = 0;
        try
        {
            length = encoder.encode(request, connectionId, correlationId, slot.buffer());
        }
        finally
        {
            publisher.publish(slot.length(length));
        }
    }

    private void reply(final Iso8583Fields msg, final int mti, final String responseCode)
    {
        ResponseWriter.template(msg, mti, frame, immediate);
        send(immediate, responseCode, 0, null);
    }

    private void send(final ResponseTemplate response, final String responseCode, final long authorizationId,
        final String approvalCode)
    {
        try
        {
            if (!writer.write(ctx.channel(), response, responseCode, authorizationId, approvalCode))
            {
                LOG.log(Level.WARNING, "{0}: response too long for the length prefix, dropped", listener.config().name());
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.log(Level.WARNING, "{0}: cannot write a response: {1}", listener.config().name(),
                ex.getClass().getSimpleName());
        }
    }

    /** Card data is not left in the reused frame buffer; the forwarded copy was taken already. */
    private static void wipeCardData(final Iso8583Fields fields)
    {
        fields.wipe(2);
        fields.wipe(35);
        fields.wipe(45);
        fields.wipe(52);
    }

    private void goodFrame()
    {
        if (++goodFrames >= Iso8583Limits.GOOD_FRAMES_PER_CREDIT)
        {
            goodFrames = 0;
            if (errors > 0)
            {
                errors--;
            }
        }
    }

    /** Logs the reason (never a field value) and closes the connection once the budget is spent. */
    private void malformed(final DecodeError error, final String detail)
    {
        errors++;
        final int budget = listener.config().errorBudget();
        LOG.log(Level.WARNING, "{0}: connection {1} from {2}: malformed frame {3} ({4}), {5} of {6} errors",
            listener.config().name(), Long.toHexString(connectionId), ctx.channel().remoteAddress(), error, detail,
            errors, budget);
        if (errors > budget)
        {
            LOG.log(Level.WARNING, "{0}: connection {1} closed: error budget spent", listener.config().name(),
                Long.toHexString(connectionId));
            ctx.close();
        }
    }

    /** Field 32 as a number; 0 (allowed nowhere) when it is empty or too long to be an id. */
    private static long acquirerOrZero(final Iso8583Fields msg)
    {
        final int length = msg.length(32);
        final long value = length > 0 && length <= 18 ? msg.digits(32, 0, length) : 0;
        return Math.max(value, 0);
    }
}
