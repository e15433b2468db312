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

    private int type;
    private int result;
    private long sequence;
    private long correlationId;
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

    public void reset()
    {
        type = NONE;
        result = 0;
        sequence = 0;
        correlationId = 0;
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
    }

    void begin(final long sequence, final long correlationId)
    {
        reset();
        this.sequence = sequence;
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
            correlationId + ", authorizationId=" + authorizationId + ", amount=" + amount + ", issuerId=" + issuerId +
            ", repeat=" + repeat + ", acquirerId=" + acquirerId + ", currency=" + currency + ", clearedAmount=" +
            clearedAmount + ", interchange=" + interchange + ", acquirerFee=" + acquirerFee + ", issuerFee=" + issuerFee +
            ", windowId=" + windowId + '}';
    }
}
