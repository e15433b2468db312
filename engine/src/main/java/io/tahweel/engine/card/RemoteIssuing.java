package io.tahweel.engine.card;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.engine.time.CivilTime;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.IssuerResponseDecoder;
import io.tahweel.sbe.StoreAndForwardKind;

import static io.tahweel.engine.card.AuthorizationBook.*;

/**
 * Authorizations for cards of remote issuers: forward, wait, stand in, reconcile.
 * <p>
 * With the issuer's link up, an authorization becomes a FORWARD action for the issuer gateway
 * and waits, unanswered, for a journaled {@code IssuerResponse}. When the issuer's time-out
 * passes (a journaled timer tick) or its link goes down, the stand-in rules decide, the
 * acquirer is answered, and an approval owes the issuer an advice. An issuer approval that
 * arrives after the switch declined on its behalf owes it a reversal. Remote authorizations
 * hold no funds in this ledger: the issuer holds them; what clears enters the settlement
 * positions like any other.
 */
public final class RemoteIssuing
{
    /** Forwarded requests waiting for their issuer at once; more are stood in straight away. */
    public static final int MAX_AWAITING = 64 * 1024;
    private static final int SNAPSHOT_MARKER = 0x524D5431; // "RMT1"

    private final AuthorizationBook book;
    private final StandInRules rules;
    private final StoreAndForwardQueue storeAndForward;
    private final Clearing clearing;
    private final long[] awaiting = new long[MAX_AWAITING];
    private int awaitingCount;

    RemoteIssuing(final AuthorizationBook book, final StandInRules rules, final StoreAndForwardQueue storeAndForward,
        final Clearing clearing)
    {
        this.book = book;
        this.rules = rules;
        this.storeAndForward = storeAndForward;
        this.clearing = clearing;
    }

    public StandInRules rules()
    {
        return rules;
    }

    public StoreAndForwardQueue storeAndForward()
    {
        return storeAndForward;
    }

    /**
     * A new authorization for a remote issuer, already recorded in the book at {@code slot}:
     * forward it, or stand in now if the link is down or too many requests are waiting.
     */
    public void authorize(final int slot, final int issuer, final long amount, final int currency, final long token,
        final int processingCode, final boolean singleMessage, final long timestamp, final long connectionId,
        final long correlationId, final Outcome out)
    {
        book.remote(slot, connectionId, correlationId, currency, timestamp + rules.timeoutNanos(issuer));
        book.approvedRemote(slot, token, processingCode, singleMessage, amount, CivilTime.epochDay(timestamp));
        if (rules.isLinkUp(issuer) && awaitingCount < MAX_AWAITING)
        {
            book.state(slot, STATE_AWAITING_ISSUER);
            awaiting[awaitingCount++] = book.authorizationId(slot);
            out.addAction(Outcome.ACTION_FORWARD, issuer, book.authorizationId(slot), amount, 0, connectionId,
                correlationId);
            return;
        }
        standIn(slot, CivilTime.epochDay(timestamp));
        answer(slot, out, false);
    }

    /** The issuer answered a forwarded authorization. */
    public void onIssuerResponse(final IssuerResponseDecoder response, final Outcome out)
    {
        final int slot = book.findRemote(response.authorizationId());
        if (slot == NOT_FOUND || book.issuerId(slot) != response.issuerId())
        {
            return;
        }
        final byte high = response.responseCode(0);
        final byte low = response.responseCode(1);
        final short code = (short)((high << 8) | (low & 0xFF));
        final boolean issuerApproved = high == '0' && low == '0';
        final byte state = book.state(slot);
        if (state == STATE_AWAITING_ISSUER)
        {
            removeAwaiting(book.authorizationId(slot));
            if (issuerApproved)
            {
                book.state(slot, book.isSingleMessage(slot) ? STATE_POSTED : STATE_REMOTE_APPROVED);
                book.answer(slot, AuthorizationResult.APPROVED.value(), book.currentAmount(slot), code);
            }
            else
            {
                book.state(slot, STATE_DECLINED);
                book.answer(slot, fromIssuerCode(high, low).value(), 0, code);
            }
            answer(slot, out, false);
        }
        else if (state == STATE_STAND_IN_DECLINED && issuerApproved && storeAndForward.hasRoom())
        {
            // The acquirer was told "declined" on the issuer's behalf, but the issuer approved and holds funds.
            storeAndForward.add(book.issuerId(slot), book.authorizationId(slot),
                StoreAndForwardKind.REVERSAL_ADVICE.value(), 0);
        }
    }

    /** The issuer's link came up or went down; going down stands in for everything waiting on it. */
    public void onLinkStatus(final int issuer, final boolean up, final long timestamp, final Outcome out)
    {
        rules.link(issuer, up);
        if (!up)
        {
            standInAwaiting(issuer, Long.MAX_VALUE, timestamp, out);
        }
    }

    /** Timer: stand in for requests past their issuer's time-out, then deliver what is due to issuers. */
    public void onTick(final long timestamp, final Outcome out)
    {
        standInAwaiting(0, timestamp, timestamp, out);
        storeAndForward.collectDue(timestamp, rules, out);
    }

    public void onAcknowledged(final int issuer, final long authorizationId, final int kind)
    {
        storeAndForward.acknowledge(issuer, authorizationId, kind);
    }

    /** Owes the issuer a completion or reversal advice for a remote authorization. */
    public boolean owe(final int slot, final StoreAndForwardKind kind, final long amount)
    {
        if (!storeAndForward.hasRoom())
        {
            return false;
        }
        storeAndForward.add(book.issuerId(slot), book.authorizationId(slot), kind.value(), amount);
        return true;
    }

    public boolean canOwe()
    {
        return storeAndForward.hasRoom();
    }

    /**
     * Stands in for waiting requests of {@code issuer} (0 = any) whose deadline is at or before
     * {@code deadline}, as many as there is room for answers in {@code out}; keeps the rest in order.
     */
    private void standInAwaiting(final int issuer, final long deadline, final long timestamp, final Outcome out)
    {
        int kept = 0;
        for (int i = 0; i < awaitingCount; i++)
        {
            final long authorizationId = awaiting[i];
            final int slot = book.findRemote(authorizationId);
            if (slot == NOT_FOUND || book.state(slot) != STATE_AWAITING_ISSUER)
            {
                continue;
            }
            final boolean due = (issuer == 0 || book.issuerId(slot) == issuer) && book.holdExpiry(slot) <= deadline;
            if (due && out.hasRoomForActions(1))
            {
                standIn(slot, CivilTime.epochDay(timestamp));
                answer(slot, out, true);
            }
            else
            {
                awaiting[kept++] = authorizationId;
            }
        }
        awaitingCount = kept;
    }

    private void standIn(final int slot, final long day)
    {
        final int issuer = book.issuerId(slot);
        final long amount = book.currentAmount(slot);
        final long token = book.cardToken(slot);
        // Single-message financials move money at once: they are never stood in for, only declined.
        if (!book.isSingleMessage(slot) && rules.allows(issuer, token, amount, book.processingCode(slot), day) &&
            storeAndForward.hasRoom())
        {
            rules.record(token, day, amount);
            storeAndForward.add(issuer, book.authorizationId(slot), StoreAndForwardKind.STAND_IN_ADVICE.value(), amount);
            book.state(slot, STATE_STOOD_IN);
            book.answer(slot, AuthorizationResult.APPROVED.value(), amount, (short)0);
        }
        else
        {
            book.state(slot, STATE_STAND_IN_DECLINED);
            book.answer(slot, AuthorizationResult.ISSUER_UNAVAILABLE.value(), 0, (short)0);
        }
    }

    /**
     * Answers the acquirer: in the entry's own outcome when the entry is the acquirer's request
     * or the issuer's response, as an action when a timer tick or a link change decided.
     */
    private void answer(final int slot, final Outcome out, final boolean asAction)
    {
        final long amount = book.answeredAmount(slot);
        if (asAction)
        {
            out.addAction(Outcome.ACTION_ANSWER, book.issuerId(slot), book.authorizationId(slot), amount, book.result(slot),
                book.originConnectionId(slot), book.originCorrelationId(slot));
            return;
        }
        out.authorization(book.result(slot), book.authorizationId(slot), amount, book.issuerId(slot), false);
        out.replyTo(book.originConnectionId(slot), book.originCorrelationId(slot));
        out.issuerResponseCode(book.issuerResponseCode(slot));
        if (book.result(slot) == AuthorizationResult.APPROVED.value() && book.isSingleMessage(slot))
        {
            clearing.purchase(book.issuerId(slot), book.acquirerId(slot), book.currency(slot), amount, out);
        }
        else
        {
            clearing.nothing(book.acquirerId(slot), book.currency(slot), out);
        }
    }

    private void removeAwaiting(final long authorizationId)
    {
        for (int i = 0; i < awaitingCount; i++)
        {
            if (awaiting[i] == authorizationId)
            {
                System.arraycopy(awaiting, i + 1, awaiting, i, awaitingCount - i - 1);
                awaitingCount--;
                return;
            }
        }
    }

    /** Maps a remote issuer's field 39 onto the switch's own results, for views and reports. */
    static AuthorizationResult fromIssuerCode(final byte high, final byte low)
    {
        final int code = (high - '0') * 10 + (low - '0');
        switch (code)
        {
            case 51:
                return AuthorizationResult.INSUFFICIENT_FUNDS;
            case 54:
                return AuthorizationResult.CARD_EXPIRED;
            case 14:
                return AuthorizationResult.CARD_NOT_FOUND;
            case 41:
                return AuthorizationResult.CARD_LOST;
            case 43:
                return AuthorizationResult.CARD_STOLEN;
            case 61:
                return AuthorizationResult.EXCEEDS_TRANSACTION_LIMIT;
            case 65:
                return AuthorizationResult.EXCEEDS_DAILY_COUNT;
            case 62:
                return AuthorizationResult.CARD_BLOCKED;
            default:
                return AuthorizationResult.ISSUER_DECLINED;
        }
    }

    /** Most bytes {@link #writeSnapshot} writes, with its stand-in rules and store-and-forward queue. */
    public static long maxSnapshotLength(
        final int issuerCapacity, final int cardCapacity, final int storeAndForwardCapacity)
    {
        return Integer.BYTES * 2 + (long)MAX_AWAITING * Long.BYTES +
            StandInRules.maxSnapshotLength(issuerCapacity, cardCapacity) +
            StoreAndForwardQueue.maxSnapshotLength(storeAndForwardCapacity);
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(awaitingCount);
        for (int i = 0; i < awaitingCount; i++)
        {
            writer.putLong(awaiting[i]);
        }
        rules.writeSnapshot(writer);
        storeAndForward.writeSnapshot(writer);
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        awaitingCount = reader.getInt();
        for (int i = 0; i < awaitingCount; i++)
        {
            awaiting[i] = reader.getLong();
        }
        rules.readSnapshot(reader);
        storeAndForward.readSnapshot(reader);
    }
}
