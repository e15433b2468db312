package io.tahweel.journal;

/**
 * Thrown when the journal holds something it could not have written: a CRC mismatch, a
 * malformed frame or a gap in the dense sequence, anywhere but a torn tail.
 *
 * <p>The state is a pure function of the journal, so a reader must stop rather than skip: the
 * message always names the sequence involved so an operator can find the damage.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long sequence;

    /**
     * @param sequence the sequence expected at the damaged place.
     * @param message  saying what was found there.
     */
    public JournalCorruptedException(final long sequence, final String message)
    {
        super(message);
        this.sequence = sequence;
    }

    /**
     * @return the sequence expected at the damaged place, so tools can report or repair around it.
     */
    public long sequence()
    {
        return sequence;
    }
}
