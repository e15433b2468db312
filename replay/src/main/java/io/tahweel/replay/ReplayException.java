package io.tahweel.replay;

/**
 * Replay could not re-derive the journal faithfully: a gap, a damaged entry, an entry this build
 * cannot apply, or a core that disagrees with a view. A report built past such a place would be
 * silently wrong, so replay stops and names the sequence instead.
 */
public final class ReplayException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long sequence;

    public ReplayException(final long sequence, final String message, final Throwable cause)
    {
        super(message, cause);
        this.sequence = sequence;
    }

    /** The journal sequence where replay stopped. */
    public long sequence()
    {
        return sequence;
    }
}
