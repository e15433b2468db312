package io.tahweel.engine.testing;

import io.tahweel.engine.command.CardCommands;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.AddBinRouteEncoder;
import io.tahweel.sbe.AddParticipantEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.CloseSettlementWindowEncoder;
import io.tahweel.sbe.ConfigureSettlementEncoder;
import io.tahweel.sbe.ConfigureStandInEncoder;
import io.tahweel.sbe.IssuerLinkStatusEncoder;
import io.tahweel.sbe.IssuerResponseEncoder;
import io.tahweel.sbe.StoreAndForwardAcknowledgedEncoder;
import io.tahweel.sbe.StoreAndForwardKind;
import io.tahweel.sbe.CreateTransferEncoder;
import io.tahweel.sbe.EnableCurrencyEncoder;
import io.tahweel.sbe.IssueCardEncoder;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.OpenAccountEncoder;
import io.tahweel.sbe.OpenSettlementWindowEncoder;
import io.tahweel.sbe.ParticipantStatus;
import io.tahweel.sbe.SetCardLimitsEncoder;
import io.tahweel.sbe.SetCardStatusEncoder;
import io.tahweel.sbe.SetParticipantStatusEncoder;
import io.tahweel.sbe.SetSettlementScheduleEncoder;
import io.tahweel.sbe.Source;
import io.tahweel.sbe.TimerTickEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes every journal command as the gateways would, for engine tests. Each method returns
 * the encoded entry as a fresh byte array (tests are not the hot path). Cards are "tokenized"
 * with {@link TestCards}, a stand-in for the gateway's keyed tokenizer.
 */
public final class TestCommands
{
    public static final String OPERATOR = "test-operator";

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CardCommands cardCommands = new CardCommands();

    public byte[] enableCurrency(final int code, final int minorUnits)
    {
        final EnableCurrencyEncoder e = new EnableCurrencyEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.currency(code).minorUnits((short)minorUnits).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] addParticipant(final int id, final boolean issuer, final boolean acquirer, final IssuingMode mode,
        final long holdTimeoutSeconds, final String name)
    {
        final AddParticipantEncoder e = new AddParticipantEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.participantId(id).issuingMode(mode).status(ParticipantStatus.ACTIVE).holdTimeoutSeconds(holdTimeoutSeconds);
        e.roles().clear().issuer(issuer).acquirer(acquirer);
        e.name(name).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] setParticipantStatus(final int id, final ParticipantStatus status)
    {
        final SetParticipantStatusEncoder e = new SetParticipantStatusEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.participantId(id).status(status).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] openAccount(final long id, final int participant, final int currency, final boolean debitsWithinCredits,
        final AccountKind kind, final long creditLimit)
    {
        final OpenAccountEncoder e = new OpenAccountEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.accountId(id).participantId(participant).currency(currency).kind(kind).creditLimit(creditLimit);
        e.flags().clear().debitsMustNotExceedCredits(debitsWithinCredits);
        e.operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] addBinRoute(final int issuer, final String prefix)
    {
        return addBinRoute(issuer, prefix, prefix.length());
    }

    public byte[] addBinRoute(final int issuer, final String prefix, final int digitCount)
    {
        final AddBinRouteEncoder e = new AddBinRouteEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.issuerId(issuer).digitCount((short)digitCount).prefix(prefix).prefixHash(TestCards.prefixHash(prefix))
            .operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] issueCard(final String pan, final long account, final int issuer, final int expiry,
        final CardStatus status, final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        final IssueCardEncoder e = new IssueCardEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.cardToken(TestCards.token(pan)).accountId(account).issuerId(issuer).bin(TestCards.bin(pan))
            .last4(TestCards.last4(pan)).panLength((short)pan.length()).expiry(expiry).status(status)
            .perTransactionLimit(perTransaction).dailyCountLimit(dailyCount).dailyAmountLimit(dailyAmount)
            .operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] setCardStatus(final String pan, final CardStatus status)
    {
        final SetCardStatusEncoder e = new SetCardStatusEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.cardToken(TestCards.token(pan)).status(status).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] setCardLimits(final String pan, final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        final SetCardLimitsEncoder e = new SetCardLimitsEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.cardToken(TestCards.token(pan)).perTransactionLimit(perTransaction).dailyCountLimit(dailyCount)
            .dailyAmountLimit(dailyAmount).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] openWindow(final long id)
    {
        final OpenSettlementWindowEncoder e = new OpenSettlementWindowEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.windowId(id).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] closeWindow(final long id)
    {
        final CloseSettlementWindowEncoder e = new CloseSettlementWindowEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.windowId(id).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] transfer(final long id, final long debit, final long credit, final long amount, final int currency,
        final int flags, final long pendingId, final long timeoutSeconds)
    {
        final CreateTransferEncoder e = new CreateTransferEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.transferId(id).debitAccountId(debit).creditAccountId(credit).amount(amount).currency(currency)
            .pendingId(pendingId).timeoutSeconds(timeoutSeconds).code(0);
        e.flags().clear().pending((flags & 1) != 0).postPending((flags & 2) != 0).voidPending((flags & 4) != 0);
        return bytes(e.encodedLength());
    }

    public byte[] configureSettlement(final int currency, final long central, final long feeAccount,
        final int basisPoints, final long fixed, final long acquirerFee, final long issuerFee)
    {
        final ConfigureSettlementEncoder e = new ConfigureSettlementEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.currency(currency).centralAccountId(central).feeAccountId(feeAccount).interchangeBasisPoints(basisPoints)
            .interchangeFixed(fixed).acquirerSwitchFee(acquirerFee).issuerSwitchFee(issuerFee).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] settlementSchedule(final boolean enabled, final long cutoffSecondOfDay)
    {
        final SetSettlementScheduleEncoder e = new SetSettlementScheduleEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.enabled((short)(enabled ? 1 : 0)).cutoffSecondOfDay(cutoffSecondOfDay).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] configureStandIn(final int issuer, final long timeoutMillis, final boolean enabled, final long maxAmount,
        final long dailyLimit, final long transactionTypes)
    {
        final ConfigureStandInEncoder e = new ConfigureStandInEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ADMIN);
        e.issuerId(issuer).responseTimeoutMillis(timeoutMillis).enabled((short)(enabled ? 1 : 0)).maxAmount(maxAmount)
            .dailyLimitPerCard(dailyLimit).transactionTypes(transactionTypes).operatorId(OPERATOR);
        return bytes(e.encodedLength());
    }

    public byte[] issuerLink(final int issuer, final boolean up)
    {
        final IssuerLinkStatusEncoder e = new IssuerLinkStatusEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ISO8583);
        e.issuerId(issuer).up((short)(up ? 1 : 0));
        return bytes(e.encodedLength());
    }

    public byte[] issuerResponse(final int issuer, final long authorizationId, final String responseCode)
    {
        final IssuerResponseEncoder e = new IssuerResponseEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ISO8583);
        e.issuerId(issuer).authorizationId(authorizationId).responseCode(responseCode).approvalCode("123456");
        return bytes(e.encodedLength());
    }

    public byte[] acknowledged(final int issuer, final long authorizationId, final StoreAndForwardKind kind)
    {
        final StoreAndForwardAcknowledgedEncoder e =
            new StoreAndForwardAcknowledgedEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.ISO8583);
        e.issuerId(issuer).authorizationId(authorizationId).kind(kind);
        return bytes(e.encodedLength());
    }

    public byte[] tick()
    {
        final TimerTickEncoder e = new TimerTickEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.header().source(Source.TIMER);
        e.tickId(0);
        return bytes(e.encodedLength());
    }

    /** 0100 (dual message) or 0200 (single message) for a card given in clear; tokenized here. */
    public byte[] authorize(final int acquirer, final int stan, final long dateTime, final String rrn, final String pan,
        final long amount, final int currency, final int expiry, final CaptureMode mode, final boolean repeat)
    {
        final int length = cardCommands.authorize(buffer, Source.INTERNAL, stan, acquirer, stan, dateTime, rrn, amount,
            currency, TestCards.token(pan), TestCards.prefixHashes(pan), TestCards.bin(pan), TestCards.last4(pan),
            pan.length(), expiry, mode, repeat, "TERM0001", "MERCHANT0000001");
        return copy(length);
    }

    public byte[] complete(final int acquirer, final int stan, final long dateTime, final int originalStan,
        final long originalDateTime, final String rrn, final long amount)
    {
        return copy(cardCommands.complete(buffer, Source.INTERNAL, stan, acquirer, stan, dateTime, originalStan,
            originalDateTime, rrn, amount));
    }

    public byte[] reverse(final int acquirer, final int stan, final long dateTime, final int originalStan,
        final long originalDateTime, final String rrn, final long replacementAmount)
    {
        return copy(cardCommands.reverse(buffer, Source.INTERNAL, stan, acquirer, stan, dateTime, originalStan,
            originalDateTime, rrn, replacementAmount));
    }

    private byte[] bytes(final int bodyLength)
    {
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    private byte[] copy(final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
