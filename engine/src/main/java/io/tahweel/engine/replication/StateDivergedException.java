package io.tahweel.engine.replication;

/**
 * The standby's state differs from the primary's at the same journal sequence: one of them applied
 * something the other did not, or a core is not deterministic. The standby stops; it must never be
 * promoted from this state.
 */
public final class StateDivergedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long sequence;
    private final String primaryHash;
    private final String standbyHash;

    public StateDivergedException(final long sequence, final String primaryHash, final String standbyHash)
    {
        super("standby state diverged from the primary at sequence " + sequence + ": primary " + primaryHash +
            ", standby " + standbyHash);
        this.sequence = sequence;
        this.primaryHash = primaryHash;
        this.standbyHash = standbyHash;
    }

    public long sequence()
    {
        return sequence;
    }

    public String primaryHash()
    {
        return primaryHash;
    }

    public String standbyHash()
    {
        return standbyHash;
    }
}
