package io.tahweel.engine.command;

import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.Channel;
import io.tahweel.sbe.CompleteAuthorizationEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.ReverseAuthorizationEncoder;
import io.tahweel.sbe.Source;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes card commands for in-process producers (the demo, the load generator's in-process
 * mode, tests, benchmarks). Reusable and allocation-free; one instance per producer thread.
 * The card is given already tokenized: token, prefix hashes, BIN, last 4, length.
 */
public final class CardCommands
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AuthorizeEncoder authorize = new AuthorizeEncoder();
    private final CompleteAuthorizationEncoder complete = new CompleteAuthorizationEncoder();
    private final ReverseAuthorizationEncoder reverse = new ReverseAuthorizationEncoder();

    /** Encodes an Authorize at offset 0 and returns its length. */
    public int authorize(
        final MutableDirectBuffer buffer, final Source source, final long correlationId, final int acquirerId,
        final int stan, final long transmissionDateTime, final String rrn, final long amount, final int currency,
        final long cardToken, final long[] prefixHashes, final int bin, final int last4, final int panLength,
        final int expiry, final CaptureMode captureMode, final boolean repeat, final String terminalId,
        final String merchantId)
    {
        authorize.wrapAndApplyHeader(buffer, 0, header);
        authorize.header().source(source).correlationId(correlationId).connectionId(0);
        authorize.acquirerId(acquirerId).stan(stan).transmissionDateTime(transmissionDateTime).amount(amount)
            .cardToken(cardToken);
        for (int i = 0; i < AuthorizeEncoder.prefixHashesLength(); i++)
        {
            authorize.prefixHashes(i, i < prefixHashes.length ? prefixHashes[i] : 0);
        }
        authorize.bin(bin).last4(last4).panLength((short)panLength).expiry(expiry).currency(currency)
            .processingCode(0).mcc(5411).channel(Channel.POS).captureMode(captureMode).repeat((short)(repeat ? 1 : 0))
            .rrn(rrn).terminalId(terminalId).merchantId(merchantId);
        return MessageHeaderEncoder.ENCODED_LENGTH + authorize.encodedLength();
    }

    /** Encodes a CompleteAuthorization at offset 0 and returns its length. */
    public int complete(
        final MutableDirectBuffer buffer, final Source source, final long correlationId, final int acquirerId,
        final int stan, final long transmissionDateTime, final int originalStan, final long originalTransmissionDateTime,
        final String rrn, final long amount)
    {
        complete.wrapAndApplyHeader(buffer, 0, header);
        complete.header().source(source).correlationId(correlationId).connectionId(0);
        complete.acquirerId(acquirerId).stan(stan).transmissionDateTime(transmissionDateTime)
            .originalStan(originalStan).originalTransmissionDateTime(originalTransmissionDateTime).amount(amount).rrn(rrn);
        return MessageHeaderEncoder.ENCODED_LENGTH + complete.encodedLength();
    }

    /** Encodes a ReverseAuthorization at offset 0 and returns its length. */
    public int reverse(
        final MutableDirectBuffer buffer, final Source source, final long correlationId, final int acquirerId,
        final int stan, final long transmissionDateTime, final int originalStan, final long originalTransmissionDateTime,
        final String rrn, final long replacementAmount)
    {
        reverse.wrapAndApplyHeader(buffer, 0, header);
        reverse.header().source(source).correlationId(correlationId).connectionId(0);
        reverse.acquirerId(acquirerId).stan(stan).transmissionDateTime(transmissionDateTime)
            .originalStan(originalStan).originalTransmissionDateTime(originalTransmissionDateTime)
            .replacementAmount(replacementAmount).rrn(rrn);
        return MessageHeaderEncoder.ENCODED_LENGTH + reverse.encodedLength();
    }
}
