package io.tahweel.gateways.iso8583;

import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CompleteAuthorizationEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.ReverseAuthorizationEncoder;
import io.tahweel.sbe.Source;
import org.agrona.MutableDirectBuffer;

/**
 * Writes a checked {@link CardRequest} as the core's SBE command, straight into a ring slot's
 * buffer. Allocation-free; one per connection (encoders are flyweights with state).
 */
final class CardCommandEncoder
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AuthorizeEncoder authorize = new AuthorizeEncoder();
    private final CompleteAuthorizationEncoder complete = new CompleteAuthorizationEncoder();
    private final ReverseAuthorizationEncoder reverse = new ReverseAuthorizationEncoder();

    /** Encodes at offset 0 and returns the length. */
    int encode(final CardRequest request, final long connectionId, final long correlationId,
        final MutableDirectBuffer buffer)
    {
        switch (request.kind)
        {
            case CardRequest.AUTHORIZE:
                return authorize(request, connectionId, correlationId, buffer);
            case CardRequest.COMPLETE:
                return complete(request, connectionId, correlationId, buffer);
            case CardRequest.REVERSE:
                return reverse(request, connectionId, correlationId, buffer);
            default:
                throw new IllegalStateException("no command for request kind " + request.kind);
        }
    }

    private int authorize(final CardRequest r, final long connectionId, final long correlationId,
        final MutableDirectBuffer buffer)
    {
        authorize.wrapAndApplyHeader(buffer, 0, header);
        authorize.header().source(Source.ISO8583).connectionId(connectionId).correlationId(correlationId);
        authorize.acquirerId(r.acquirerId).stan(r.stan).transmissionDateTime(r.transmissionDateTime)
            .amount(r.amount).cardToken(r.cardToken);
        for (int i = 0; i < AuthorizeEncoder.prefixHashesLength(); i++)
        {
            authorize.prefixHashes(i, i < r.prefixHashes.length ? r.prefixHashes[i] : 0L);
        }
        authorize.bin(r.bin).last4(r.last4).panLength((short)r.panLength).expiry(r.expiry).currency(r.currency)
            .processingCode(r.processingCode).mcc(r.mcc).channel(r.channel).captureMode(r.captureMode)
            .repeat((short)(r.repeat ? 1 : 0)).putRrn(r.rrn, 0).putTerminalId(r.terminalId, 0).putMerchantId(r.merchantId, 0);
        authorize.putPanCipher(r.panCipher, 0, r.panCipher.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + authorize.encodedLength();
    }

    private int complete(final CardRequest r, final long connectionId, final long correlationId,
        final MutableDirectBuffer buffer)
    {
        complete.wrapAndApplyHeader(buffer, 0, header);
        complete.header().source(Source.ISO8583).connectionId(connectionId).correlationId(correlationId);
        complete.acquirerId(r.acquirerId).stan(r.stan).transmissionDateTime(r.transmissionDateTime)
            .originalStan(r.originalStan).originalTransmissionDateTime(r.originalTransmissionDateTime)
            .amount(r.amount).putRrn(r.rrn, 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + complete.encodedLength();
    }

    private int reverse(final CardRequest r, final long connectionId, final long correlationId,
        final MutableDirectBuffer buffer)
    {
        reverse.wrapAndApplyHeader(buffer, 0, header);
        reverse.header().source(Source.ISO8583).connectionId(connectionId).correlationId(correlationId);
        reverse.acquirerId(r.acquirerId).stan(r.stan).transmissionDateTime(r.transmissionDateTime)
            .originalStan(r.originalStan).originalTransmissionDateTime(r.originalTransmissionDateTime)
            .replacementAmount(r.replacementAmount).putRrn(r.rrn, 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + reverse.encodedLength();
    }
}
