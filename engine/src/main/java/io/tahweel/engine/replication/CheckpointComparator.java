package io.tahweel.engine.replication;

/**
 * Matches the primary's state checkpoints with the standby's own hashes at the same sequences,
 * whichever arrives first. Both sides hash at the same deterministic points
 * ({@link Checkpoints#isDue}), so every primary checkpoint has a local counterpart unless it comes
 * too late (older than the {@link #HISTORY} kept) or the two nodes were configured with different
 * intervals; those are counted as {@link #uncomparable()}, never guessed.
 *
 * <p>Single-threaded: the standby core's thread. Checkpoints are rare (every thousands of entries),
 * so hashes are kept as hex strings. The two counters are volatile (one writer) so operators and tests may
 * watch them from any thread while the standby runs.
 */
public final class CheckpointComparator
{
    /** Local hashes kept for primary checkpoints that arrive after the standby passed their sequence. */
    public static final int HISTORY = 16;
    /** Primary checkpoints kept until the standby's core reaches their sequence. */
    public static final int PENDING = 64;

    private final long[] localSequences = new long[HISTORY];
    private final String[] localHashes = new String[HISTORY];
    private final long[] pendingSequences = new long[PENDING];
    private final String[] pendingHashes = new String[PENDING];
    private int localNext;
    private int pendingCount;
    private long lastLocalSequence;
    private volatile long matched;
    private volatile long uncomparable;

    /**
     * Record the standby's own hash after applying {@code sequence}; compares with a waiting primary
     * checkpoint.
     *
     * @throws StateDivergedException if the primary's hash at that sequence differs.
     */
    public void onLocal(final long sequence, final String hash)
    {
        localSequences[localNext] = sequence;
        localHashes[localNext] = hash;
        localNext = (localNext + 1) % HISTORY;
        lastLocalSequence = sequence;
        int kept = 0;
        for (int i = 0; i < pendingCount; i++)
        {
            if (pendingSequences[i] == sequence)
            {
                compare(sequence, pendingHashes[i], hash);
            }
            else if (pendingSequences[i] < sequence)
            {
                uncomparable++;
            }
            else
            {
                pendingSequences[kept] = pendingSequences[i];
                pendingHashes[kept] = pendingHashes[i];
                kept++;
            }
        }
        for (int i = kept; i < pendingCount; i++)
        {
            pendingHashes[i] = null;
        }
        pendingCount = kept;
    }

    /**
     * Record a primary checkpoint.
     *
     * @throws StateDivergedException if the standby's hash at that sequence is known and differs.
     */
    public void onPrimary(final long sequence, final String hash)
    {
        if (sequence <= lastLocalSequence)
        {
            for (int i = 0; i < HISTORY; i++)
            {
                if (localSequences[i] == sequence && null != localHashes[i])
                {
                    compare(sequence, hash, localHashes[i]);
                    return;
                }
            }
            uncomparable++;
            return;
        }
        if (pendingCount == PENDING)
        {
            uncomparable++;
            return;
        }
        pendingSequences[pendingCount] = sequence;
        pendingHashes[pendingCount] = hash;
        pendingCount++;
    }

    /**
     * @return checkpoints found equal.
     */
    public long matched()
    {
        return matched;
    }

    /**
     * @return primary checkpoints that could not be compared (too late, too many waiting, or at a
     * sequence the standby does not hash).
     */
    public long uncomparable()
    {
        return uncomparable;
    }

    private void compare(final long sequence, final String primaryHash, final String standbyHash)
    {
        if (!primaryHash.equals(standbyHash))
        {
            throw new StateDivergedException(sequence, primaryHash, standbyHash);
        }
        matched++;
    }
}
