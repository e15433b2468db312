package io.tahweel.gateways.iso8583;

import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.Channel;

/**
 * The fields of one card request as the core needs them, read and checked from the ISO message's fields
 * before a ring slot is claimed (so a claimed slot is always published with a valid command).
 * The card is already tokenized. Reused per connection.
 */
final class CardRequest
{
    static final int AUTHORIZE = 1;
    static final int COMPLETE = 2;
    static final int REVERSE = 3;

    int kind;
    long acquirerId;
    int stan;
    long transmissionDateTime;
    long amount;
    long cardToken;
    final long[] prefixHashes = new long[PanTokenizer.PREFIX_HASH_COUNT];
    /** The PAN encrypted for later advices to a remote issuer (Authorize.panCipher); all zero = none. */
    final byte[] panCipher = new byte[PanCipher.CIPHER_LENGTH];
    int bin;
    int last4;
    int panLength;
    int expiry;
    int currency;
    int processingCode;
    int mcc;
    Channel channel;
    CaptureMode captureMode;
    boolean repeat;
    /** Fields 37, 41 and 42 as ASCII, NUL padded to the SBE field's length (what the String setters wrote). */
    final byte[] rrn = new byte[AuthorizeEncoder.rrnLength()];
    final byte[] terminalId = new byte[AuthorizeEncoder.terminalIdLength()];
    final byte[] merchantId = new byte[AuthorizeEncoder.merchantIdLength()];
    int originalStan;
    long originalTransmissionDateTime;
    long replacementAmount;

    void reset()
    {
        kind = 0;
        acquirerId = 0;
        stan = 0;
        transmissionDateTime = 0;
        amount = 0;
        cardToken = 0;
        java.util.Arrays.fill(prefixHashes, 0L);
        java.util.Arrays.fill(panCipher, (byte)0);
        bin = 0;
        last4 = 0;
        panLength = 0;
        expiry = 0;
        currency = 0;
        processingCode = 0;
        mcc = 0;
        channel = Channel.POS;
        captureMode = CaptureMode.DUAL_MESSAGE;
        repeat = false;
        java.util.Arrays.fill(rrn, (byte)0);
        java.util.Arrays.fill(terminalId, (byte)0);
        java.util.Arrays.fill(merchantId, (byte)0);
        originalStan = 0;
        originalTransmissionDateTime = 0;
        replacementAmount = 0;
    }
}
