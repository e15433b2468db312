package io.tahweel.engine.core;

import io.tahweel.sbe.AdminOutcomeDecoder;
import io.tahweel.sbe.AuthorizationOutcomeDecoder;
import io.tahweel.sbe.TransferOutcomeDecoder;

/**
 * The core's answer to one journal entry, written into the entry's ring slot so the output
 * stage can route it back to its source without allocating. {@link #type()} is the SBE
 * template id of the matching output event (AdminOutcome, TransferOutcome,
 * AuthorizationOutcome) or {@link #NONE} for entries with no answer (timer ticks).
 */
public final class Outcome
{
    public static final int NONE = 0;
    public static final int ADMIN = AdminOutcomeDecoder.TEMPLATE_ID;
    public static final int TRANSFER = TransferOutcomeDecoder.TEMPLATE_ID;
    public static final int AUTHORIZATION = AuthorizationOutcomeDecoder.TEMPLATE_ID;

    /** Most actions one entry can produce; more wait for the next timer tick. */
    public static final int MAX_ACTIONS = 64;
    /** Send the authorization {@code actionAuthorizationId} to the remote issuer (0100/0200). */
    public static final byte ACTION_FORWARD = 1;
    /** Answer an acquirer request other than this entry's own (a stand-in after a time-out). */
    public static final byte ACTION_ANSWER = 2;
    /** Deliver a store-and-forward message to the issuer; {@code actionCode} is the StoreAndForwardKind. */
    public static final byte ACTION_STORE_AND_FORWARD = 3;
    /**
     * This request gets no answer of its own (a repeat while its original still waits for the
     * issuer: the original's answer will follow); the gateway may release what it holds for it.
     */
    public static final byte ACTION_NOT_ANSWERED = 4;

    private int type;
    private int result;
    private long sequence;
    private long correlationId;
    private long connectionId;
    private long authorizationId;
    private long amount;
    private int issuerId;
    private boolean repeat;
    private int acquirerId;
    private int currency;
    private long clearedAmount;
    private long interchange;
    private long acquirerFee;
    private long issuerFee;
    private long windowId;
    private short issuerResponseCode;

    private int actionCount;
    private final byte[] actionKinds = new byte[MAX_ACTIONS];
    private final int[] actionIssuers = new int[MAX_ACTIONS];
    private final long[] actionAuthorizationIds = new long[MAX_ACTIONS];
    private final long[] actionAmounts = new long[MAX_ACTIONS];
    private final int[] actionCodes = new int[MAX_ACTIONS];
    private final long[] actionConnectionIds = new long[MAX_ACTIONS];
    private final long[] actionCorrelationIds = new long[MAX_ACTIONS];

    public void reset()
    {
        type = NONE;
        result = 0;
        sequence = 0;
        correlationId = 0;
        connectionId = 0;
        authorizationId = 0;
        amount = 0;
        issuerId = 0;
        repeat = false;
        acquirerId = 0;
        currency = 0;
        clearedAmount = 0;
        interchange = 0;
        acquirerFee = 0;
        issuerFee = 0;
        windowId = 0;
        issuerResponseCode = 0;
        actionCount = 0;
    }

    void begin(final long sequence, final long correlationId, final long connectionId)
    {
        reset();
        this.sequence = sequence;
        this.correlationId = correlationId;
        this.connectionId = connectionId;
    }

    /**
     * Redirects the answer to another request than the entry's own: an issuer's response is
     * answered to the acquirer connection and correlation id of the original authorization.
     */
    public void replyTo(final long connectionId, final long correlationId)
    {
        this.connectionId = connectionId;
        this.correlationId = correlationId;
    }

    void admin(final int result)
    {
        type = ADMIN;
        this.result = result;
    }

    void transfer(final int result)
    {
        type = TRANSFER;
        this.result = result;
    }

    /** Sets an authorization answer. */
    public void authorization(
        final int result, final long authorizationId, final long amount, final int issuerId, final boolean repeat)
    {
        type = AUTHORIZATION;
        this.result = result;
        this.authorizationId = authorizationId;
        this.amount = amount;
        this.issuerId = issuerId;
        this.repeat = repeat;
    }

    /** Sets what the answered card message cleared into the settlement window (views read this). */
    public void cleared(final int acquirerId, final int currency, final long clearedAmount, final long interchange,
        final long acquirerFee, final long issuerFee, final long windowId)
    {
        this.acquirerId = acquirerId;
        this.currency = currency;
        this.clearedAmount = clearedAmount;
        this.interchange = interchange;
        this.acquirerFee = acquirerFee;
        this.issuerFee = issuerFee;
        this.windowId = windowId;
    }

    /** The remote issuer's own field 39 (two ASCII characters, high byte first), or 0. */
    public void issuerResponseCode(final short code)
    {
        issuerResponseCode = code;
    }

    public short issuerResponseCode()
    {
        return issuerResponseCode;
    }

    /**
     * Adds an action for the gateways; false when {@link #MAX_ACTIONS} are taken.
     *
     * @param code the AuthorizationResult for ACTION_ANSWER, the StoreAndForwardKind for
     *             ACTION_STORE_AND_FORWARD, 0 for ACTION_FORWARD.
     */
    public boolean addAction(final byte kind, final int issuerId, final long authorizationId, final long amount,
        final int code, final long connectionId, final long correlationId)
    {
        if (actionCount == MAX_ACTIONS)
        {
            return false;
        }
        final int i = actionCount++;
        actionKinds[i] = kind;
        actionIssuers[i] = issuerId;
        actionAuthorizationIds[i] = authorizationId;
        actionAmounts[i] = amount;
        actionCodes[i] = code;
        actionConnectionIds[i] = connectionId;
        actionCorrelationIds[i] = correlationId;
        return true;
    }

    public boolean hasRoomForActions(final int count)
    {
        return actionCount + count <= MAX_ACTIONS;
    }

    public int actionCount()
    {
        return actionCount;
    }

    public byte actionKind(final int index)
    {
        return actionKinds[index];
    }

    public int actionIssuer(final int index)
    {
        return actionIssuers[index];
    }

    public long actionAuthorizationId(final int index)
    {
        return actionAuthorizationIds[index];
    }

    public long actionAmount(final int index)
    {
        return actionAmounts[index];
    }

    public int actionCode(final int index)
    {
        return actionCodes[index];
    }

    public long actionConnectionId(final int index)
    {
        return actionConnectionIds[index];
    }

    public long actionCorrelationId(final int index)
    {
        return actionCorrelationIds[index];
    }

    public int type()
    {
        return type;
    }

    /** The value of the AdminResult, TransferResult or AuthorizationResult named by {@link #type()}. */
    public int result()
    {
        return result;
    }

    public long sequence()
    {
        return sequence;
    }

    public long correlationId()
    {
        return correlationId;
    }

    /** Gateway connection the answer goes to; the entry's own unless {@link #replyTo} changed it. */
    public long connectionId()
    {
        return connectionId;
    }

    public long authorizationId()
    {
        return authorizationId;
    }

    public long amount()
    {
        return amount;
    }

    public int issuerId()
    {
        return issuerId;
    }

    public boolean repeat()
    {
        return repeat;
    }

    /** Acquirer of the card message's original authorization; 0 when none was found. */
    public int acquirerId()
    {
        return acquirerId;
    }

    public int currency()
    {
        return currency;
    }

    /** Positive: issuer pays acquirer (purchase, completion); negative: refund; 0: nothing cleared. */
    public long clearedAmount()
    {
        return clearedAmount;
    }

    public long interchange()
    {
        return interchange;
    }

    public long acquirerFee()
    {
        return acquirerFee;
    }

    public long issuerFee()
    {
        return issuerFee;
    }

    /** The settlement window the cleared amount falls in (0 before the first window opened). */
    public long windowId()
    {
        return windowId;
    }

    @Override
    public String toString()
    {
        return "Outcome{type=" + type + ", result=" + result + ", sequence=" + sequence + ", correlationId=" +
            correlationId + ", connectionId=" + connectionId + ", authorizationId=" + authorizationId + ", amount=" + amount + ", issuerId=" + issuerId +
            ", repeat=" + repeat + ", acquirerId=" + acquirerId + ", currency=" + currency + ", clearedAmount=" +
            clearedAmount + ", interchange=" + interchange + ", acquirerFee=" + acquirerFee + ", issuerFee=" + issuerFee +
            ", windowId=" + windowId + ", actions=" + actionCount + '}';
    }
}
