package io.tahweel.engine.core;

/**
 * Transfer ids the core derives from journal sequences, so ids are deterministic and never
 * collide with the ids participants choose: derived ids have bit 62 set, participant ids must
 * stay below 2^62. One entry can create up to {@link #MAX_PER_ENTRY} transfers ({@code k}), enough for a
 * settlement cut-off that posts one transfer per participant and currency; sequences stay below
 * 2^46 (70 trillion entries).
 */
public final class TransferIds
{
    public static final long RESERVED_BASE = 1L << 62;
    public static final int MAX_PER_ENTRY = 1 << 16;

    private TransferIds()
    {
    }

    public static long derived(final long sequence, final int k)
    {
        return RESERVED_BASE | (sequence << 16) | k;
    }

    public static boolean isReserved(final long transferId)
    {
        return transferId >= RESERVED_BASE || transferId < 0;
    }
}
