package io.tahweel.engine.core;

/**
 * Transfer ids the core derives from journal sequences, so ids are deterministic and never
 * collide with the ids participants choose: derived ids have bit 62 set, participant ids must
 * stay below 2^62. One entry can create up to four transfers ({@code k} = 0..3).
 */
public final class TransferIds
{
    public static final long RESERVED_BASE = 1L << 62;

    private TransferIds()
    {
    }

    public static long derived(final long sequence, final int k)
    {
        return RESERVED_BASE | (sequence << 2) | k;
    }

    public static boolean isReserved(final long transferId)
    {
        return transferId >= RESERVED_BASE || transferId < 0;
    }
}
