package io.tahweel.journal;

/**
 * A non-blocking reader that follows the journal as it grows: for standbys, followers and live
 * views, including a read-only journal tailing a writer in another process.
 *
 * <p>{@link #poll(EntryHandler, int)} never waits, so the caller's idle strategy decides how to
 * back off; nothing here spins. Belongs to one thread.
 */
public final class JournalTailer implements AutoCloseable
{
    private final EntryReader reader;

    JournalTailer(final EntryReader reader)
    {
        this.reader = reader;
    }

    /**
     * Deliver up to {@code limit} complete entries in sequence order.
     *
     * @return how many entries were delivered; 0 when none is available yet.
     * @throws JournalCorruptedException on damage or a gap; the tailer does not move past it.
     */
    public int poll(final EntryHandler handler, final int limit)
    {
        int delivered = 0;
        while (delivered < limit && reader.next(handler))
        {
            delivered++;
        }
        return delivered;
    }

    /**
     * @return the sequence the next delivered entry will carry.
     */
    public long nextSequence()
    {
        return reader.expectedSequence();
    }

    /**
     * Release the underlying Chronicle tailer.
     */
    @Override
    public void close()
    {
        reader.close();
    }
}
