package io.tahweel.engine.ledger;

/**
 * Told of each pending transfer that {@link Ledger#expirePending(long, PendingExpiryListener)}
 * released, in (expiry time, transfer id) order.
 * <p>
 * Implement it once (for example on the component that owns the ledger) and pass the same
 * instance at every tick: a lambda capturing per call would allocate on the hot path.
 */
@FunctionalInterface
public interface PendingExpiryListener
{
    /**
     * Called after the hold was released; the transfer is still queryable, in state
     * {@link TransferState#PENDING_EXPIRED}.
     *
     * @param transferId id of the pending transfer that expired.
     * @param amount     the amount that was reserved and is now released.
     */
    void onExpired(long transferId, long amount);

    /**
     * As {@link #onExpired(long, long)}, with the holder the transfer's owner gave it
     * ({@link Ledger#holder(long, long)}; 0 when none). Owners that keep their own reference to a
     * hold find it from this without an index of their own.
     */
    default void onExpired(final long transferId, final long amount, final long holder)
    {
        onExpired(transferId, amount);
    }
}
