package io.tahweel.engine.core;

/** A journal entry the core cannot apply faithfully; the message names its sequence. */
public final class UnsupportedEntryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long sequence;

    public UnsupportedEntryException(final long sequence, final String reason)
    {
        super("journal entry at sequence " + sequence + ": " + reason);
        this.sequence = sequence;
    }

    public long sequence()
    {
        return sequence;
    }
}
