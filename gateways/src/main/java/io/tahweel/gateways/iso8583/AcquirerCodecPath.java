package io.tahweel.gateways.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanTokenizer;
import org.agrona.MutableDirectBuffer;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * One acquirer card message's work without the socket, for benchmarks: the classes
 * {@link AcquirerSession} uses, in its order, on one thread.
 * <pre>
 *   decode(frame)         MessageDecoder: jPOS unpack + field checks (+ TPDU)
 *   command(buffer)       RequestTranslator (tokenize, AES-GCM panCipher when configured), response
 *                         template (echoed fields), ForwardedFields copy, CardCommandEncoder (SBE)
 *   respond(code, id)     field 39 (+38), jPOS pack, length prefix into a ByteBuf; forwarded fields wiped
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
    private final ResponseWriter writer;
    private ISOMsg response;
    private ForwardedFields forwarded;

    /** @param panCipher as the gateway's; null: no panCipher (the Authorize field stays zero). */
    public AcquirerCodecPath(final ListenerConfig listener, final PanTokenizer tokenizer, final PanCipher panCipher)
    {
        final ListenerRuntime runtime = new ListenerRuntime(listener);
        this.decoder = runtime.decoder();
        this.translator = new RequestTranslator(tokenizer, listener, panCipher);
        this.writer = new ResponseWriter(runtime.packager(), listener.lengthPrefix());
    }

    /** Decodes one frame's payload; true when it is a well-formed card message (not 0800). */
    public boolean decode(final byte[] payload, final int length)
    {
        decoder.decode(payload, length, frame);
        return frame.ok() && frame.mti != Mti.NETWORK;
    }

    /**
     * Translates the decoded message into its SBE command at offset 0 of {@code buffer}: the
     * length, or -1 when the translator refuses it (it would be answered 30 or 03).
     */
    public int command(final long connectionId, final long correlationId, final MutableDirectBuffer buffer)
    {
        if (translator.translate(frame.message, frame.mti, request) != RequestTranslator.OK)
        {
            return -1;
        }
        response = writer.template(frame.message, frame.mti, frame);
        forwarded = request.kind == CardRequest.AUTHORIZE ? ForwardedFields.capture(frame.message) : null;
        return encoder.encode(request, connectionId, correlationId, buffer);
    }

    /** Answers the last command's request with {@code responseCode}: the response frame, or null if too long. */
    public ByteBuf respond(final ByteBufAllocator allocator, final String responseCode, final long authorizationId)
        throws ISOException
    {
        if (forwarded != null)
        {
            forwarded.wipe();
            forwarded = null;
        }
        ResponseWriter.answer(response, responseCode, authorizationId);
        return writer.frame(allocator, response);
    }
}
