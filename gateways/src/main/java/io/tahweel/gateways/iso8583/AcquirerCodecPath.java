package io.tahweel.gateways.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanTokenizer;
import org.agrona.MutableDirectBuffer;

/**
 * One acquirer card message's work without the socket, for benchmarks: the classes
 * {@link AcquirerSession} uses, in its order, on one thread.
 * <pre>
 *   decode(frame)         MessageDecoder: Iso8583Fields flyweight over the frame + field checks (+ TPDU)
 *   command(buffer)       RequestTranslator (tokenize, AES-GCM panCipher when configured), in-flight slot:
 *                         response template (echoed fields' bytes) and ForwardedFields copy,
 *                         CardCommandEncoder (SBE)
 *   respond(code, id)     in-flight slot freed (forwarded fields wiped), 39 (+38), the frame written
 *                         straight into a ByteBuf
 * </pre>
 * Not thread-safe (one per thread, like a session). Not used by the gateway itself.
 */
public final class AcquirerCodecPath
{
    private final MessageDecoder decoder;
    private final DecodedFrame frame = new DecodedFrame();
    private final RequestTranslator translator;
    private final CardRequest request = new CardRequest();
    private final CardCommandEncoder encoder = new CardCommandEncoder();
    private final InFlightTable inFlight = new InFlightTable(1);
    private final ResponseWriter writer;
    private long correlationId = InFlightTable.NONE;

    /** @param panCipher as the gateway's; null: no panCipher (the Authorize field stays zero). */
    public AcquirerCodecPath(final ListenerConfig listener, final PanTokenizer tokenizer, final PanCipher panCipher)
    {
        final ListenerRuntime runtime = new ListenerRuntime(listener);
        this.decoder = runtime.decoder();
        this.translator = new RequestTranslator(tokenizer, listener, panCipher);
        this.writer = new ResponseWriter(decoder.formats(), listener.lengthPrefix());
    }

    /** Decodes one frame's payload; true when it is a well-formed card message (not 0800). */
    public boolean decode(final byte[] payload, final int length)
    {
        decoder.decode(payload, length, frame);
        return frame.ok() && frame.mti != Mti.NETWORK;
    }

    /**
     * Translates the decoded message into its SBE command at offset 0 of {@code buffer}: the
     * length, or -1 when the translator refuses it (it would be answered 30 or 03). The frame's
     * bytes must not have changed since {@link #decode}.
     */
    public int command(final long connectionId, final long correlationId, final MutableDirectBuffer buffer)
    {
        if (translator.translate(frame.fields, frame.mti, request) != RequestTranslator.OK)
        {
            return -1;
        }
        if (this.correlationId != InFlightTable.NONE)
        {
            inFlight.remove(this.correlationId);
        }
        this.correlationId = inFlight.put();
        ResponseWriter.template(frame.fields, frame.mti, frame, inFlight.response(this.correlationId));
        if (request.kind == CardRequest.AUTHORIZE)
        {
            inFlight.keepForwarded(this.correlationId, frame.fields);
        }
        return encoder.encode(request, connectionId, correlationId, buffer);
    }

    /** Answers the last command's request with {@code responseCode}: the response frame, or null if too long or none. */
    public ByteBuf respond(final ByteBufAllocator allocator, final String responseCode, final long authorizationId)
    {
        final ResponseTemplate response = inFlight.remove(correlationId);
        correlationId = InFlightTable.NONE;
        return response == null ? null : writer.frame(allocator, response, responseCode, authorizationId, null);
    }
}
