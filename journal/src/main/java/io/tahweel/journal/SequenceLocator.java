package io.tahweel.journal;

import java.util.Arrays;
import java.util.NavigableSet;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Finds the Chronicle index of a journal sequence without reading from genesis.
 *
 * <p>Sequences are dense and Chronicle numbers documents densely within a cycle, so one lookup
 * per cycle is enough: a table of (cycle, sequence of its first entry), built lazily and extended
 * when new cycles appear, is binary searched and the index computed as
 * {@code toIndex(cycle, sequence - firstSequence)}. The only documents that break the arithmetic
 * are VOID frames left by torn-tail recovery, which can only push the entry later; a short
 * forward scan from the computed index absorbs them.
 */
final class SequenceLocator
{
    private static final int INITIAL_CYCLES = 16;

    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final ExcerptTailer probe;
    private final EntryFrame frame = new EntryFrame();
    private int[] cycles = new int[INITIAL_CYCLES];
    private long[] firstSequences = new long[INITIAL_CYCLES];
    private int count;

    SequenceLocator(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.probe = queue.createTailer();
    }

    /**
     * @return the Chronicle index of the document holding {@code sequence}, the index of a damaged
     * document where it should be (so the reader reports it), or -1 if it is not in the journal.
     */
    long indexOf(final long sequence)
    {
        if (sequence < 1)
        {
            return -1;
        }
        refreshIfNeeded(sequence);
        final int slot = floorSlot(sequence);
        if (slot < 0)
        {
            return -1;
        }
        final long estimate = rollCycle.toIndex(cycles[slot], sequence - firstSequences[slot]);
        if (!probe.moveToIndex(estimate))
        {
            return -1;
        }
        return scanFor(sequence);
    }

    /**
     * @return the sequence of the first entry of the journal, 0 if there is none.
     */
    long firstSequence()
    {
        refreshIfNeeded(Long.MAX_VALUE);
        return 0 == count ? 0 : firstSequences[0];
    }

    private long scanFor(final long sequence)
    {
        while (true)
        {
            try (DocumentContext dc = probe.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return -1;
                }
                final int status = frame.read(dc.wire().bytes());
                if (EntryFrame.VOID == status)
                {
                    continue;
                }
                if (EntryFrame.OK != status || frame.sequence() >= sequence)
                {
                    return dc.index();
                }
            }
        }
    }

    private void refreshIfNeeded(final long sequence)
    {
        final int lastCycle = queue.lastCycle();
        if (0 != count && (sequence < firstSequences[count - 1] || lastCycle <= cycles[count - 1]))
        {
            return;
        }
        final int from = 0 == count ? queue.firstCycle() : cycles[count - 1] + 1;
        if (from > lastCycle || lastCycle == Integer.MIN_VALUE)
        {
            return;
        }
        final NavigableSet<Long> newCycles = queue.listCyclesBetween(from, lastCycle);
        for (final Long cycle : newCycles)
        {
            addCycle(cycle.intValue());
        }
    }

    private void addCycle(final int cycle)
    {
        if (!probe.moveToIndex(rollCycle.toIndex(cycle, 0)))
        {
            return;
        }
        while (true)
        {
            try (DocumentContext dc = probe.readingDocument())
            {
                if (!dc.isPresent() || rollCycle.toCycle(dc.index()) != cycle)
                {
                    return;
                }
                final int status = frame.read(dc.wire().bytes());
                if (EntryFrame.VOID == status)
                {
                    continue;
                }
                if (EntryFrame.OK != status)
                {
                    if (dc.index() >= queue.lastIndex())
                    {
                        return;
                    }
                    throw new JournalCorruptedException(0, "corrupt first entry of cycle " + cycle + ": " +
                        frame.describeFailure(status));
                }
                append(cycle, frame.sequence());
                return;
            }
        }
    }

    private void append(final int cycle, final long firstSequence)
    {
        if (count == cycles.length)
        {
            cycles = Arrays.copyOf(cycles, count * 2);
            firstSequences = Arrays.copyOf(firstSequences, count * 2);
        }
        cycles[count] = cycle;
        firstSequences[count] = firstSequence;
        count++;
    }

    private int floorSlot(final long sequence)
    {
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (firstSequences[mid] <= sequence)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    void close()
    {
        probe.close();
    }
}
