package io.tahweel.gateways.iso8583.issuer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.FieldFormats;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.Iso8583Writer;
import io.tahweel.gateways.iso8583.LengthPrefix;
import io.tahweel.sbe.AuthorizeDecoder;

/**
 * One issuer message's work without the socket, for the allocation test and benchmarks: the
 * classes {@link IssuerLink} uses, in its order, on one thread.
 * <pre>
 *   forward(...)   IssuerMessageWriter (0100/0200, forwarded fields) ─► IssuerOutbox offer ─► drain ─► frame ByteBuf
 *   advise(...)    the same for an advice (0120/0220/0420)
 *   answer(...)    IssuerAnswer: Iso8583Fields over the message, the link's checks, field 39 and 38 ready to journal
 * </pre>
 * Not thread-safe. Not used by the gateway itself.
 */
public final class IssuerCodecPath
{
    private final IssuerMessageWriter writer;
    private final IssuerOutbox outbox = new IssuerOutbox(64 * 1024);
    private final IssuerAnswer answer;
    private final LengthPrefix lengthPrefix;
    private final byte[] tpdu;
    private final IssuerOutbox.Handler framer = this::frame;
    private ByteBufAllocator allocator;
    private ByteBuf frame;

    /** @param tpdu the link's TPDU, null for none. */
    public IssuerCodecPath(final FieldEncoding encoding, final LengthPrefix lengthPrefix, final byte[] tpdu,
        final String institutionId)
    {
        final FieldFormats formats = FieldFormats.of(encoding);
        this.writer = new IssuerMessageWriter(formats, institutionId);
        this.answer = new IssuerAnswer(formats);
        this.lengthPrefix = lengthPrefix;
        this.tpdu = tpdu == null ? null : tpdu.clone();
    }

    /** The framed request forwarding {@code authorize}; null when a value does not fit its field. */
    public ByteBuf forward(final ByteBufAllocator allocator, final AuthorizeDecoder authorize,
        final long authorizationId, final byte[] pan, final int panLength, final ForwardedFields fields)
    {
        final int length = writer.request(authorize, authorizationId, pan, panLength, fields, outbox.staging(),
            IssuerOutbox.MESSAGE_OFFSET, outbox.staging().length);
        return send(allocator, IssuerOutbox.FORWARD, authorizationId, 0, length);
    }

    /** The framed advice of {@code kind}; null when it cannot be written. */
    public ByteBuf advise(final ByteBufAllocator allocator, final AuthorizeDecoder authorize,
        final long authorizationId, final int kind, final long amount, final byte[] pan, final int panLength)
    {
        final int length = writer.advice(authorize, authorizationId, kind, amount, pan, panLength, outbox.staging(),
            IssuerOutbox.MESSAGE_OFFSET, outbox.staging().length);
        return send(allocator, IssuerOutbox.ADVICE, authorizationId, kind, length);
    }

    /**
     * Reads an issuer's message ({@code message[0, length)}, framing removed): the authorization id
     * of a well-formed 0110/0210 or advice answer, else -1.
     */
    public long answer(final byte[] message, final int length)
    {
        final int verdict = answer.read(message, length);
        return verdict == IssuerAnswer.AUTHORIZATION_RESPONSE || verdict == IssuerAnswer.ADVICE_RESPONSE ?
            answer.authorizationId() : -1;
    }

    /** Field 39's first character of the last answer read (so that a benchmark uses what it read). */
    public byte responseCode()
    {
        return answer.responseCode(0);
    }

    private ByteBuf send(final ByteBufAllocator allocator, final int type, final long authorizationId, final int kind,
        final int length)
    {
        if (length == Iso8583Writer.NOT_WRITTEN || length == IssuerMessageWriter.UNKNOWN_KIND ||
            !outbox.offer(type, authorizationId, kind, length))
        {
            return null;
        }
        this.allocator = allocator;
        frame = null;
        outbox.drain(framer);
        final ByteBuf out = frame;
        frame = null;
        return out;
    }

    private void frame(final int type, final long authorizationId, final int kind, final byte[] message,
        final int length)
    {
        frame = allocator.buffer(lengthPrefix.bytes() + (tpdu == null ? 0 : tpdu.length) + length);
        IssuerFrameDecoder.writeFrame(lengthPrefix, tpdu, message, length, frame);
    }
}
