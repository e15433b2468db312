package io.tahweel.bench.support;

import io.tahweel.engine.command.CardCommands;
import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CompleteAuthorizationEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.Source;
import org.agrona.MutableDirectBuffer;

/**
 * A steady, always-approvable stream of card messages over the cards of a {@link BenchSwitch}.
 * <p>
 * Every message gets a fresh idempotency key: STAN cycles 1..999999 and the transmission
 * date/time advances by one each time the STAN wraps, so no key repeats within the core's
 * authorization book. Cards are used round robin; amounts are {@link #AMOUNT} minor units,
 * far inside every limit and the funding. A completion always completes the authorization
 * encoded just before it, for its full amount, with the same RRN.
 * <p>
 * Two ways to produce a message: {@link #encodeAuthorize}/{@link #encodeComplete} encode the
 * whole message with {@link CardCommands} (what an in-process producer does);
 * {@link #patchAuthorize}/{@link #patchComplete} rewrite only the fields that change in a
 * message already encoded once in that buffer (key, card), so a benchmark of the core alone
 * does not measure encoding. Allocation-free after construction. One instance per thread.
 */
public final class CardTraffic
{
    public static final long AMOUNT = 100;
    private static final int MAX_STAN = 999_999;
    private static final long FIRST_DATE_TIME = 1_125_120_000L; // MMDDhhmmss: 25 Nov 12:00:00

    private final BenchSwitch bench;
    private final CardCommands commands = new CardCommands();
    private final AuthorizeEncoder authorize = new AuthorizeEncoder();
    private final CompleteAuthorizationEncoder complete = new CompleteAuthorizationEncoder();
    private final String rrn = "633012345678";
    private final String terminalId = "TERM0001";
    private final String merchantId = "MERCHANT0000001";

    private long messages;
    private int card = -1;
    private int lastStan;
    private long lastDateTime;

    public CardTraffic(final BenchSwitch bench)
    {
        this(bench, 0);
    }

    /** Traffic whose keys (STAN, field 7) start after {@code firstMessage} others: two sources never collide. */
    public CardTraffic(final BenchSwitch bench, final long firstMessage)
    {
        this.bench = bench;
        this.messages = firstMessage;
    }

    private void nextKey()
    {
        final long m = messages++;
        lastStan = (int)(m % MAX_STAN) + 1;
        lastDateTime = FIRST_DATE_TIME + m / MAX_STAN;
    }

    private void nextCard()
    {
        card = card + 1 == bench.cardCount() ? 0 : card + 1;
    }

    /** Encodes the next Authorize at offset 0 of {@code buffer}; returns its length. */
    public int encodeAuthorize(final MutableDirectBuffer buffer, final CaptureMode mode, final long correlationId)
    {
        nextKey();
        nextCard();
        return commands.authorize(buffer, Source.INTERNAL, correlationId, BenchSwitch.ACQUIRER, lastStan, lastDateTime,
            rrn, AMOUNT, BenchSwitch.CURRENCY, bench.token(card), bench.prefixHashes(card), BenchSwitch.BIN_NUMBER,
            bench.last4(card), BenchSwitch.PAN_LENGTH, BenchSwitch.EXPIRY, mode, false, terminalId, merchantId);
    }

    /** Encodes a full CompleteAuthorization of the last authorization at offset 0; returns its length. */
    public int encodeComplete(final MutableDirectBuffer buffer, final long correlationId)
    {
        final int originalStan = lastStan;
        final long originalDateTime = lastDateTime;
        nextKey();
        return commands.complete(buffer, Source.INTERNAL, correlationId, BenchSwitch.ACQUIRER, lastStan, lastDateTime,
            originalStan, originalDateTime, rrn, AMOUNT);
    }

    /**
     * Turns the Authorize already encoded at offset 0 of {@code buffer} (by
     * {@link #encodeAuthorize}) into the next one: new key and card.
     */
    public void patchAuthorize(final MutableDirectBuffer buffer)
    {
        nextKey();
        nextCard();
        authorize.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH)
            .stan(lastStan).transmissionDateTime(lastDateTime).cardToken(bench.token(card)).last4(bench.last4(card));
        final long[] hashes = bench.prefixHashes(card);
        for (int i = 0; i < hashes.length; i++)
        {
            authorize.prefixHashes(i, hashes[i]);
        }
    }

    /** Turns the CompleteAuthorization at offset 0 into the completion of the last authorization. */
    public void patchComplete(final MutableDirectBuffer buffer)
    {
        final int originalStan = lastStan;
        final long originalDateTime = lastDateTime;
        nextKey();
        complete.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH)
            .stan(lastStan).transmissionDateTime(lastDateTime)
            .originalStan(originalStan).originalTransmissionDateTime(originalDateTime);
    }

    /** Messages produced so far. */
    public long messages()
    {
        return messages;
    }
}
