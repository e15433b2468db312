package io.tahweel.engine.core;

/**
 * Capacities of the core's pre-sized stores. Every store is bounded and fails loudly with a
 * result code when full rather than growing on the hot path.
 */
public final class CoreContext
{
    private int participantCapacity = 1024;
    private int routeCapacity = 16 * 1024;
    private int accountCapacity = 256 * 1024;
    private int cardCapacity = 256 * 1024;
    private int transferCapacity = 512 * 1024;
    private int authorizationCapacity = 512 * 1024;
    private int positionCapacity = 4 * 1024;
    private int storeAndForwardCapacity = 64 * 1024;

    public int participantCapacity()
    {
        return participantCapacity;
    }

    public CoreContext participantCapacity(final int value)
    {
        participantCapacity = positive(value);
        return this;
    }

    public int routeCapacity()
    {
        return routeCapacity;
    }

    public CoreContext routeCapacity(final int value)
    {
        routeCapacity = positive(value);
        return this;
    }

    public int accountCapacity()
    {
        return accountCapacity;
    }

    public CoreContext accountCapacity(final int value)
    {
        accountCapacity = positive(value);
        return this;
    }

    public int cardCapacity()
    {
        return cardCapacity;
    }

    public CoreContext cardCapacity(final int value)
    {
        cardCapacity = positive(value);
        return this;
    }

    /** Transfers kept for idempotency and two-phase completion (the ledger's ring). */
    public int transferCapacity()
    {
        return transferCapacity;
    }

    public CoreContext transferCapacity(final int value)
    {
        transferCapacity = positive(value);
        return this;
    }

    /** Card messages kept for retransmission answers and completion/reversal matching. */
    public int authorizationCapacity()
    {
        return authorizationCapacity;
    }

    public CoreContext authorizationCapacity(final int value)
    {
        authorizationCapacity = positive(value);
        return this;
    }

    /** Settlement positions (participant x currency) one window can hold. */
    public int positionCapacity()
    {
        return positionCapacity;
    }

    public CoreContext positionCapacity(final int value)
    {
        positionCapacity = positive(value);
        return this;
    }

    /** Advices owed to remote issuers and not yet acknowledged. */
    public int storeAndForwardCapacity()
    {
        return storeAndForwardCapacity;
    }

    public CoreContext storeAndForwardCapacity(final int value)
    {
        storeAndForwardCapacity = positive(value);
        return this;
    }

    private static int positive(final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException("capacity must be positive: " + value);
        }
        return value;
    }

    @Override
    public String toString()
    {
        return "CoreContext{participants=" + participantCapacity + ", routes=" + routeCapacity + ", accounts=" +
            accountCapacity + ", cards=" + cardCapacity + ", transfers=" + transferCapacity + ", authorizations=" +
            authorizationCapacity + ", positions=" + positionCapacity + '}';
    }
}
