package io.tahweel.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads entries forward from a Chronicle tailer, enforcing what the journal promises: every
 * frame passes its CRC and sequences follow each other with no gap.
 *
 * <p>A frame that fails its check is a torn tail only if it is the last document of the queue:
 * then it is left unread (the tailer does not move past it) and reported as the end, so a later
 * poll sees whatever recovery made of it. Anywhere else it is corruption.
 */
final class EntryReader
{
    /** Returned by {@link #next(EntryHandler)} when an entry was delivered. */
    static final boolean DELIVERED = true;
    /** Expected-sequence value meaning "accept whichever entry comes first". */
    static final long ANY_SEQUENCE = 0;

    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final EntryFrame frame = new EntryFrame();
    private long expected = ANY_SEQUENCE;
    private boolean seeking;

    EntryReader(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /**
     * Position at a Chronicle index and expect the given sequence there; with {@code seeking},
     * entries below the sequence are read (and checked) but not delivered.
     */
    void position(final long index, final long expectedSequence, final boolean seeking)
    {
        if (index < 0)
        {
            tailer.toStart();
        }
        else if (!tailer.moveToIndex(index))
        {
            tailer.toEnd();
        }
        this.expected = expectedSequence;
        this.seeking = seeking;
    }

    /**
     * @return the sequence the next delivered entry must carry, or {@link #ANY_SEQUENCE}.
     */
    long expectedSequence()
    {
        return expected;
    }

    /**
     * Deliver the next entry, if one is complete, to the handler (which may be null to only look).
     *
     * @return {@link #DELIVERED} if an entry was delivered, false if there is none yet.
     * @throws JournalCorruptedException on a CRC mismatch, a malformed frame or a sequence gap
     *                                   anywhere but the tail.
     */
    boolean next(final EntryHandler handler)
    {
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return false;
                }
                final int status = frame.read(dc.wire().bytes());
                if (EntryFrame.VOID == status)
                {
                    continue;
                }
                if (EntryFrame.OK != status)
                {
                    dc.rollbackOnClose();
                    if (isLastDocument(dc.index()))
                    {
                        return false;
                    }
                    throw new JournalCorruptedException(expected, "corrupt journal entry at sequence " +
                        describeExpected() + " (index " + Long.toHexString(dc.index()) + "): " + frame.describeFailure(status));
                }
                final long sequence = frame.sequence();
                if (ANY_SEQUENCE != expected && sequence != expected)
                {
                    if (seeking && sequence < expected)
                    {
                        continue;
                    }
                    dc.rollbackOnClose();
                    throw new JournalCorruptedException(expected, "journal sequence gap: expected sequence " +
                        expected + " but found sequence " + sequence);
                }
                seeking = false;
                expected = sequence + 1;
                if (null != handler)
                {
                    handler.onEntry(frame.buffer(), 0, frame.length(), sequence);
                }
                return DELIVERED;
            }
        }
    }

    /**
     * @return timestamp of the entry last delivered.
     */
    long lastTimestampNanos()
    {
        return frame.timestampNanos();
    }

    void close()
    {
        tailer.close();
    }

    private boolean isLastDocument(final long index)
    {
        return index >= queue.lastIndex();
    }

    private String describeExpected()
    {
        return ANY_SEQUENCE == expected ? "(first)" : Long.toString(expected);
    }
}
