package io.tahweel.engine.ledger;

/**
 * Lifecycle state of a transfer as answered by {@link Ledger#transferState(long)}.
 * <p>
 * Plain {@code int} constants so a query allocates nothing; the values are written into
 * snapshots and are therefore stable and never reused. {@link #name(int)} is an array lookup.
 */
public final class TransferState
{
    /** No transfer with that id in the ledger's idempotency window (never created, or evicted). */
    public static final int NONE = 0;
    /** An immediate transfer: posted when it was created. */
    public static final int POSTED = 1;
    /** A pending transfer whose hold is still reserved. */
    public static final int PENDING = 2;
    /** A pending transfer that a later postPending transfer posted, fully or partly. */
    public static final int PENDING_POSTED = 3;
    /** A pending transfer that a later voidPending transfer released. */
    public static final int PENDING_VOIDED = 4;
    /** A pending transfer released by its timeout. */
    public static final int PENDING_EXPIRED = 5;
    /** A postPending transfer: it posted (part of) a pending transfer. */
    public static final int POST_OF_PENDING = 6;
    /** A voidPending transfer: it released a pending transfer. */
    public static final int VOID_OF_PENDING = 7;

    private static final String[] NAMES =
    {
        "NONE", "POSTED", "PENDING", "PENDING_POSTED", "PENDING_VOIDED", "PENDING_EXPIRED",
        "POST_OF_PENDING", "VOID_OF_PENDING"
    };

    private TransferState()
    {
    }

    /** Whether a transfer in this state can no longer change balances, so it may be evicted. */
    public static boolean isFinished(final int state)
    {
        return state != PENDING && state != NONE;
    }

    /** Name for logs and tools; {@code "UNKNOWN"} for a value outside the table. */
    public static String name(final int state)
    {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "UNKNOWN";
    }
}
