package io.tahweel.engine.card;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.TransferIds;
import io.tahweel.engine.currency.Currencies;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.ledger.PendingExpiryListener;
import io.tahweel.engine.participant.Participants;
import io.tahweel.engine.routing.BinRouteTable;
import io.tahweel.engine.settlement.Settlement;
import io.tahweel.engine.time.CivilTime;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.CompleteAuthorizationDecoder;
import io.tahweel.sbe.ReverseAuthorizationDecoder;
import io.tahweel.sbe.StoreAndForwardKind;
import io.tahweel.sbe.TransferResult;
import org.agrona.DirectBuffer;

import static io.tahweel.engine.card.AuthorizationBook.*;

/**
 * Card authorization for cards issued on the switch: the decision, the hold, completion,
 * reversal and hold expiry. Pure logic over the core's stores; time is the entry timestamp.
 * <p>
 * Money moves as ledger transfers from the card's account to the issuer's settlement account
 * in the transaction currency: an authorization is a pending transfer, a completion posts it
 * (partly or fully), a reversal voids it (or, after posting, refunds it). What clears (a
 * completion, a single-message purchase, a refund) also enters the open settlement window's
 * positions, where the issuer owes the acquirer; the cut-off settles them (see Settlement).
 */
public final class CardAuthorizer implements PendingExpiryListener
{
    /** Ledger transfer codes, reported in views. */
    public static final int CODE_HOLD = 1;
    public static final int CODE_COMPLETION = 2;
    public static final int CODE_REVERSAL = 3;
    public static final int CODE_REFUND = 4;
    public static final int CODE_PURCHASE = 5;

    private static final int PREFIX_COUNT = BinRouteTable.MAX_DIGITS - BinRouteTable.MIN_DIGITS + 1;
    private static final int PENDING = 1;
    private static final int POST_PENDING = 1 << 1;
    private static final int VOID_PENDING = 1 << 2;

    private final Participants participants;
    private final Currencies currencies;
    private final BinRouteTable routes;
    private final Cards cards;
    private final AuthorizationBook book;
    private final Ledger ledger;
    private final Settlement settlement;
    private final Clearing clearing;
    private final RemoteIssuing remote;
    private final MessageKey key = new MessageKey();
    private final MessageKey originalKey = new MessageKey();
    private final long[] prefixHashes = new long[PREFIX_COUNT];

    // scratch of the decision in progress
    private boolean routedRemote;
    private int routedIssuer;
    private int cardIndex;
    private int tokenCardIndex; // the card with the request's token, looked up early (see authorize)
    private int tokenAccountCurrency; // currency of that card's account, read early too (0: no card)
    private long creditAccount;
    // the year-month of the last day seen: a pure function of the day, recomputed when it changes
    private long yymmDay = Long.MIN_VALUE;
    private int yymm;

    public CardAuthorizer(final Participants participants, final Currencies currencies, final BinRouteTable routes,
        final Cards cards, final AuthorizationBook book, final Ledger ledger, final Settlement settlement,
        final int participantCapacity, final int storeAndForwardCapacity)
    {
        this.settlement = settlement;
        this.clearing = new Clearing(settlement);
        this.remote = new RemoteIssuing(book, new StandInRules(participantCapacity, cards.capacity()),
            new StoreAndForwardQueue(storeAndForwardCapacity), clearing);
        this.participants = participants;
        this.currencies = currencies;
        this.routes = routes;
        this.cards = cards;
        this.book = book;
        this.ledger = ledger;
    }

    /** 0100 / 0200: decide, hold or post, and remember the answer under the message key. */
    public void authorize(final AuthorizeDecoder request, final long sequence, final long timestamp, final Outcome out)
    {
        final DirectBuffer buffer = request.buffer();
        key.set((int)request.acquirerId(), (int)request.stan(), request.transmissionDateTime(), buffer,
            request.offset() + AuthorizeDecoder.rrnEncodingOffset());
        // Look the card and its account up before the book: all are random accesses into large
        // tables, and issued back to back their cache misses overlap. Pure lookups; decide()
        // uses the results.
        tokenCardIndex = cards.find(request.cardToken());
        tokenAccountCurrency = tokenCardIndex == Cards.NOT_FOUND ? 0 :
            ledger.accountCurrency(cards.accountId(tokenCardIndex), cards.accountRow(tokenCardIndex));
        final int existing = book.find(key);
        if (existing != NOT_FOUND)
        {
            if (request.repeat() != 0 && book.state(existing) == STATE_AWAITING_ISSUER)
            {
                // Still waiting for the issuer: the answer goes to the original request; say so explicitly.
                out.addAction(Outcome.ACTION_NOT_ANSWERED, book.issuerId(existing), book.authorizationId(existing), 0,
                    0, out.connectionId(), out.correlationId());
                return;
            }
            if (request.repeat() != 0 && book.kind(existing) == KIND_AUTHORIZE)
            {
                answerFrom(existing, out);
            }
            else
            {
                out.authorization(AuthorizationResult.DUPLICATE_TRANSMISSION.value(), 0, 0, 0, false);
            }
            return;
        }
        if (!book.hasRoomForAuthorization())
        {
            out.authorization(AuthorizationResult.SYSTEM_ERROR.value(), 0, 0, 0, false);
            return;
        }

        final long amount = request.amount();
        final int currency = request.currency();
        final long day = CivilTime.epochDay(timestamp);
        routedIssuer = 0;
        routedRemote = false;
        cardIndex = Cards.NOT_FOUND;
        creditAccount = 0;
        AuthorizationResult result = decide(request, amount, currency, timestamp, day);

        final boolean singleMessage = request.captureMode() == CaptureMode.SINGLE_MESSAGE;
        if (result == AuthorizationResult.APPROVED && routedRemote)
        {
            final int slot = book.add(key, KIND_AUTHORIZE, AuthorizationResult.APPROVED.value(), sequence, amount,
                routedIssuer);
            remote.authorize(slot, routedIssuer, amount, currency, request.cardToken(), (int)request.processingCode(),
                singleMessage, timestamp, out.connectionId(), out.correlationId(), out);
            return;
        }
        final long transferId = TransferIds.derived(sequence, 0);
        long holdExpiry = 0;
        if (result == AuthorizationResult.APPROVED)
        {
            final long timeout = singleMessage ? 0 : participants.holdTimeoutNanos(routedIssuer);
            holdExpiry = timeout == 0 ? 0 : timestamp + timeout;
            final TransferResult transfer = ledger.createTransfer(
                transferId, cards.accountId(cardIndex), cards.accountRow(cardIndex), creditAccount, amount, currency,
                singleMessage ? 0 : PENDING, 0, timeout, singleMessage ? CODE_PURCHASE : CODE_HOLD, timestamp);
            result = fromTransfer(transfer);
        }

        final int slot = book.add(key, KIND_AUTHORIZE, result.value(), sequence,
            result == AuthorizationResult.APPROVED ? amount : 0, routedIssuer);
        out.authorization(result.value(), sequence, book.answeredAmount(slot), routedIssuer, false);
        clearing.nothing((int)request.acquirerId(), currency, out);
        if (result == AuthorizationResult.APPROVED)
        {
            cards.recordUsage(cardIndex, day, amount);
            book.approved(slot, singleMessage ? STATE_POSTED : STATE_HELD, cardIndex, cards.accountId(cardIndex),
                creditAccount, currency, transferId, amount, day, holdExpiry);
            if (singleMessage)
            {
                clearing.purchase(routedIssuer, (int)request.acquirerId(), currency, amount, out);
            }
            else
            {
                ledger.holder(transferId, slot + 1);
            }
        }
    }

    private AuthorizationResult decide(
        final AuthorizeDecoder request, final long amount, final int currency, final long timestamp, final long day)
    {
        final int acquirer = (int)request.acquirerId();
        final int acquirerIndex = participants.indexOf(acquirer);
        if (!participants.hasRoleAt(acquirerIndex, Participants.ROLE_ACQUIRER))
        {
            return AuthorizationResult.UNKNOWN_ACQUIRER;
        }
        if (!participants.isActiveAt(acquirerIndex))
        {
            return AuthorizationResult.ACQUIRER_SUSPENDED;
        }
        if (amount <= 0)
        {
            return AuthorizationResult.INVALID_AMOUNT;
        }
        final int panLength = request.panLength();
        final int hashCount = Math.max(0, Math.min(PREFIX_COUNT, panLength - BinRouteTable.MIN_DIGITS));
        for (int i = 0; i < hashCount; i++)
        {
            prefixHashes[i] = request.prefixHashes(i);
        }
        routedIssuer = routes.route(prefixHashes, hashCount);
        if (routedIssuer == BinRouteTable.NO_ROUTE)
        {
            return AuthorizationResult.NO_ROUTE;
        }
        final int issuerIndex = participants.indexOf(routedIssuer);
        if (!participants.isActiveAt(issuerIndex))
        {
            return AuthorizationResult.ISSUER_UNAVAILABLE;
        }
        if (!participants.isHostedAt(issuerIndex))
        {
            if (request.actingVersion() < 2)
            {
                return AuthorizationResult.ISSUER_UNAVAILABLE; // version 1 had no issuer links
            }
            routedRemote = true;
            return settlementChecks(acquirer, currency, participants.settlementAccount(routedIssuer, currency));
        }
        cardIndex = tokenCardIndex;
        if (cardIndex == Cards.NOT_FOUND || cards.issuerId(cardIndex) != routedIssuer)
        {
            return AuthorizationResult.CARD_NOT_FOUND;
        }
        final AuthorizationResult statusResult = statusResult(cards.status(cardIndex));
        if (statusResult != AuthorizationResult.APPROVED)
        {
            return statusResult;
        }
        final int expiry = cards.expiry(cardIndex);
        final int requestExpiry = request.expiry();
        if (CivilTime.isExpired(expiry, yymm(day)) || (requestExpiry != 0 && requestExpiry != expiry))
        {
            return AuthorizationResult.CARD_EXPIRED;
        }
        if (!currencies.isEnabled(currency) || tokenAccountCurrency != currency)
        {
            return AuthorizationResult.CURRENCY_NOT_SUPPORTED;
        }
        if (amount > cards.perTransactionLimit(cardIndex))
        {
            return AuthorizationResult.EXCEEDS_TRANSACTION_LIMIT;
        }
        if (cards.exceedsDailyCount(cardIndex, day))
        {
            return AuthorizationResult.EXCEEDS_DAILY_COUNT;
        }
        if (cards.exceedsDailyAmount(cardIndex, day, amount))
        {
            return AuthorizationResult.EXCEEDS_DAILY_AMOUNT;
        }
        if (request.actingVersion() < 2)
        {
            // Entries journaled by schema version 1 keep version 1's money flow: holds credit the acquirer.
            creditAccount = participants.settlementAccount(acquirer, currency);
            return creditAccount == 0 ? AuthorizationResult.NO_SETTLEMENT_ACCOUNT : AuthorizationResult.APPROVED;
        }
        creditAccount = participants.settlementAccount(routedIssuer, currency);
        return settlementChecks(acquirer, currency, creditAccount);
    }

    /** Both sides must be able to settle what this authorization may clear. */
    private AuthorizationResult settlementChecks(final int acquirer, final int currency, final long issuerAccount)
    {
        if (!currencies.isEnabled(currency))
        {
            return AuthorizationResult.CURRENCY_NOT_SUPPORTED;
        }
        if (issuerAccount == 0 ||
            participants.settlementAccount(acquirer, currency) == 0)
        {
            return AuthorizationResult.NO_SETTLEMENT_ACCOUNT;
        }
        if (!clearing.hasRoom(routedIssuer, acquirer, currency))
        {
            return AuthorizationResult.SYSTEM_ERROR;
        }
        return AuthorizationResult.APPROVED;
    }

    /** {@link CivilTime#yymmOfDay(long)}, computed once a day rather than once a message (divisions). */
    private int yymm(final long day)
    {
        if (day != yymmDay)
        {
            yymm = CivilTime.yymmOfDay(day);
            yymmDay = day;
        }
        return yymm;
    }

    private static AuthorizationResult statusResult(final byte status)
    {
        if (status == CardStatus.ACTIVE.value())
        {
            return AuthorizationResult.APPROVED;
        }
        if (status == CardStatus.BLOCKED.value())
        {
            return AuthorizationResult.CARD_BLOCKED;
        }
        if (status == CardStatus.LOST.value())
        {
            return AuthorizationResult.CARD_LOST;
        }
        if (status == CardStatus.STOLEN.value())
        {
            return AuthorizationResult.CARD_STOLEN;
        }
        return AuthorizationResult.CARD_CLOSED;
    }

    /** 0220: posts all or part of a held authorization; the rest of the hold is released. */
    public void complete(
        final CompleteAuthorizationDecoder request, final long sequence, final long timestamp, final Outcome out)
    {
        final DirectBuffer buffer = request.buffer();
        final int rrnOffset = request.offset() + CompleteAuthorizationDecoder.rrnEncodingOffset();
        final int acquirer = (int)request.acquirerId();
        if (answeredBefore(key.set(acquirer, (int)request.stan(), request.transmissionDateTime(), buffer, rrnOffset), out))
        {
            return;
        }
        final int original = book.find(
            originalKey.set(acquirer, (int)request.originalStan(), request.originalTransmissionDateTime(), buffer, rrnOffset));
        final long amount = request.amount();
        AuthorizationResult result = originalResult(original);
        if (result == AuthorizationResult.APPROVED)
        {
            final byte state = book.state(original);
            if (state == STATE_COMPLETED || state == STATE_POSTED)
            {
                result = AuthorizationResult.ORIGINAL_ALREADY_COMPLETED;
            }
            else if (amount <= 0 || amount > book.currentAmount(original))
            {
                result = AuthorizationResult.INVALID_AMOUNT;
            }
            else if (!clearing.hasRoom(book.issuerId(original), book.acquirerId(original), book.currency(original)) ||
                (book.isRemote(original) && !remote.canOwe()))
            {
                result = AuthorizationResult.SYSTEM_ERROR;
            }
            else
            {
                result = book.isRemote(original) ? AuthorizationResult.APPROVED :
                    fromTransfer(ledger.createTransfer(TransferIds.derived(sequence, 0), 0, 0, amount, 0,
                    POST_PENDING, book.holdTransferId(original), 0, CODE_COMPLETION, timestamp));
                if (result == AuthorizationResult.APPROVED)
                {
                    final long released = book.currentAmount(original) - amount;
                    if (released > 0 && book.cardIndex(original) >= 0)
                    {
                        cards.releaseUsage(book.cardIndex(original), book.approvalDay(original), released, false);
                    }
                    if (book.isRemote(original))
                    {
                        remote.owe(original, StoreAndForwardKind.COMPLETION_ADVICE, amount);
                    }
                    book.state(original, STATE_COMPLETED);
                    book.currentAmount(original, amount);
                }
            }
        }
        // Read the original before recording: recording may evict it now that it is finished.
        final int issuer = original == NOT_FOUND ? 0 : book.issuerId(original);
        final int originalAcquirer = original == NOT_FOUND ? acquirer : book.acquirerId(original);
        final int currency = original == NOT_FOUND ? 0 : book.currency(original);
        record(KIND_COMPLETE, result, original, result == AuthorizationResult.APPROVED ? amount : 0, out);
        if (result == AuthorizationResult.APPROVED)
        {
            clearing.purchase(issuer, originalAcquirer, currency, amount, out);
        }
        else
        {
            clearing.nothing(originalAcquirer, currency, out);
        }
    }

    /** 0400 / 0420: voids the hold (or refunds the posting), fully or down to the replacement amount. */
    public void reverse(
        final ReverseAuthorizationDecoder request, final long sequence, final long timestamp, final Outcome out)
    {
        final DirectBuffer buffer = request.buffer();
        final int rrnOffset = request.offset() + ReverseAuthorizationDecoder.rrnEncodingOffset();
        final int acquirer = (int)request.acquirerId();
        if (answeredBefore(key.set(acquirer, (int)request.stan(), request.transmissionDateTime(), buffer, rrnOffset), out))
        {
            return;
        }
        final int original = book.find(
            originalKey.set(acquirer, (int)request.originalStan(), request.originalTransmissionDateTime(), buffer, rrnOffset));
        final long replacement = request.replacementAmount();
        long refunded = 0;
        AuthorizationResult result = originalResult(original);
        if (result == AuthorizationResult.APPROVED)
        {
            final long current = book.currentAmount(original);
            if (replacement < 0 || replacement >= current)
            {
                result = AuthorizationResult.INVALID_AMOUNT;
            }
            else if (!clearing.hasRoom(book.issuerId(original), book.acquirerId(original), book.currency(original)) ||
                (book.isRemote(original) && !remote.canOwe()))
            {
                result = AuthorizationResult.SYSTEM_ERROR;
            }
            else if (book.isRemote(original))
            {
                remote.owe(original, StoreAndForwardKind.REVERSAL_ADVICE, replacement);
                result = AuthorizationResult.APPROVED;
            }
            else if (book.state(original) == STATE_HELD)
            {
                result = reverseHold(original, sequence, timestamp, replacement);
            }
            else
            {
                result = refund(original, sequence, timestamp, current - replacement);
            }
            if (result == AuthorizationResult.APPROVED)
            {
                final byte state = book.state(original);
                refunded = state == STATE_COMPLETED || state == STATE_POSTED ? current - replacement : 0;
                if (book.cardIndex(original) >= 0)
                {
                    cards.releaseUsage(book.cardIndex(original), book.approvalDay(original), current - replacement,
                        replacement == 0);
                }
                book.currentAmount(original, replacement);
                if (replacement == 0)
                {
                    book.state(original, STATE_REVERSED);
                }
            }
        }
        final int issuer = original == NOT_FOUND ? 0 : book.issuerId(original);
        final int originalAcquirer = original == NOT_FOUND ? acquirer : book.acquirerId(original);
        final int currency = original == NOT_FOUND ? 0 : book.currency(original);
        record(KIND_REVERSE, result, original, result == AuthorizationResult.APPROVED ? replacement : 0, out);
        if (refunded > 0)
        {
            clearing.refund(issuer, originalAcquirer, currency, refunded, out);
        }
        else
        {
            clearing.nothing(originalAcquirer, currency, out);
        }
    }

    private AuthorizationResult reverseHold(final int original, final long sequence, final long timestamp,
        final long replacement)
    {
        final long holdExpiry = book.holdExpiry(original);
        final long remaining = holdExpiry == 0 ? 0 : holdExpiry - timestamp;
        if (holdExpiry != 0 && remaining <= 0)
        {
            return AuthorizationResult.ORIGINAL_ALREADY_REVERSED;
        }
        if (replacement > 0 && !ledger.hasRoomFor(2))
        {
            return AuthorizationResult.SYSTEM_ERROR;
        }
        final AuthorizationResult voided = fromTransfer(ledger.createTransfer(TransferIds.derived(sequence, 0), 0, 0, 0, 0,
            VOID_PENDING, book.holdTransferId(original), 0, CODE_REVERSAL, timestamp));
        if (voided != AuthorizationResult.APPROVED || replacement == 0)
        {
            return voided;
        }
        // Partial reversal: the smaller hold always fits where the larger one did.
        final long newHold = TransferIds.derived(sequence, 1);
        final AuthorizationResult held = fromTransfer(ledger.createTransfer(newHold, book.debitAccount(original),
            book.creditAccount(original), replacement, book.currency(original), PENDING, 0, remaining, CODE_HOLD, timestamp));
        if (held != AuthorizationResult.APPROVED)
        {
            throw new IllegalStateException("re-hold after partial reversal failed: " + held + " at sequence " + sequence);
        }
        book.holdTransfer(original, newHold);
        ledger.holder(newHold, original + 1);
        return AuthorizationResult.APPROVED;
    }

    private AuthorizationResult refund(final int original, final long sequence, final long timestamp, final long amount)
    {
        return fromTransfer(ledger.createTransfer(TransferIds.derived(sequence, 0), book.creditAccount(original),
            book.debitAccount(original), amount, book.currency(original), 0, 0, 0, CODE_REFUND, timestamp));
    }

    /** Releases holds whose timeout has passed and stands in for issuers past theirs; on every timer tick. */
    public void onTimer(final long timestamp, final Outcome out)
    {
        ledger.expirePending(timestamp, this);
        remote.onTick(timestamp, out);
    }

    public RemoteIssuing remote()
    {
        return remote;
    }

    /** Every hold this authorizer creates carries its book slot as holder (see below); one without is not its own. */
    @Override
    public void onExpired(final long transferId, final long amount)
    {
    }

    /** The hold's holder is its authorization's book slot + 1, attached when the hold was created or restored. */
    @Override
    public void onExpired(final long transferId, final long amount, final long holder)
    {
        final int slot = (int)holder - 1;
        if (holder != 0 && book.isHeldBy(slot, transferId))
        {
            book.state(slot, STATE_EXPIRED);
        }
    }

    /**
     * After a snapshot is loaded: gives every held authorization's pending transfer its book slot as holder again
     * (holders live in memory only). A hold no longer in the ledger's window (finished by an operator's own
     * CreateTransfer, then evicted) cannot expire, so there is nothing to attach: it is skipped, as before holders.
     */
    public void afterRestore()
    {
        book.forEachHeld((slot, hold) -> ledger.holder(hold, slot + 1));
    }

    private boolean answeredBefore(final MessageKey messageKey, final Outcome out)
    {
        final int existing = book.find(messageKey);
        if (existing != NOT_FOUND)
        {
            answerFrom(existing, out);
            return true;
        }
        if (!book.hasRoom())
        {
            out.authorization(AuthorizationResult.SYSTEM_ERROR.value(), 0, 0, 0, false);
            return true;
        }
        return false;
    }

    private AuthorizationResult originalResult(final int original)
    {
        if (original == NOT_FOUND || book.kind(original) != KIND_AUTHORIZE)
        {
            return AuthorizationResult.ORIGINAL_NOT_FOUND;
        }
        final byte originalState = book.state(original);
        if (originalState == STATE_DECLINED || originalState == STATE_STAND_IN_DECLINED ||
            originalState == STATE_AWAITING_ISSUER)
        {
            return AuthorizationResult.ORIGINAL_NOT_FOUND;
        }
        final byte state = book.state(original);
        if (state == STATE_REVERSED || state == STATE_EXPIRED)
        {
            return AuthorizationResult.ORIGINAL_ALREADY_REVERSED;
        }
        return AuthorizationResult.APPROVED;
    }

    private void record(final byte kind, final AuthorizationResult result, final int original, final long amount,
        final Outcome out)
    {
        final long authorizationId = original == NOT_FOUND ? 0 : book.authorizationId(original);
        final int issuer = original == NOT_FOUND ? 0 : book.issuerId(original);
        book.add(key, kind, result.value(), authorizationId, amount, issuer);
        out.authorization(result.value(), authorizationId, amount, issuer, false);
    }

    private void answerFrom(final int slot, final Outcome out)
    {
        out.authorization(book.result(slot), book.authorizationId(slot), book.answeredAmount(slot), book.issuerId(slot), true);
    }

    private static AuthorizationResult fromTransfer(final TransferResult result)
    {
        switch (result)
        {
            case OK:
                return AuthorizationResult.APPROVED;
            case EXCEEDS_CREDITS:
                return AuthorizationResult.INSUFFICIENT_FUNDS;
            case PENDING_TRANSFER_EXPIRED:
            case PENDING_TRANSFER_ALREADY_VOIDED:
                return AuthorizationResult.ORIGINAL_ALREADY_REVERSED;
            case PENDING_TRANSFER_ALREADY_POSTED:
                return AuthorizationResult.ORIGINAL_ALREADY_COMPLETED;
            default:
                return AuthorizationResult.SYSTEM_ERROR;
        }
    }
}
