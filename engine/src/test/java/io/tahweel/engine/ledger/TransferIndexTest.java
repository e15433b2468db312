package io.tahweel.engine.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The transfer index against a plain map, used as the ledger uses it: a FIFO window of unique ids. */
class TransferIndexTest
{
    @Test
    void findsAscendingAndOtherIdsAndForgetsEvictedOnes()
    {
        final TransferIndex index = new TransferIndex(4, 16, 0.65f);
        index.put(10, 0);
        index.put(5, 1);   // below the largest: goes to the map
        index.put(20, 2);
        index.put(15, 3);  // map again
        assertEquals(0, index.get(10));
        assertEquals(1, index.get(5));
        assertEquals(2, index.get(20));
        assertEquals(3, index.get(15));
        assertEquals(TransferIndex.MISSING, index.get(21));
        assertEquals(TransferIndex.MISSING, index.get(12));
        index.removeOldest(10);
        assertEquals(TransferIndex.MISSING, index.get(10));
        index.removeOldest(5);
        assertEquals(TransferIndex.MISSING, index.get(5));
        assertEquals(2, index.get(20));
        assertEquals(3, index.get(15));
    }

    @Property(tries = 200)
    void agreesWithAMapOverAFifoWindow(
        @ForAll @Size(max = 400) final List<@LongRange(min = -50, max = 400) Long> steps,
        @ForAll @IntRange(min = 1, max = 32) final int capacity)
    {
        final TransferIndex index = new TransferIndex(capacity, 2 * capacity, 0.65f);
        final Map<Long, Integer> reference = new HashMap<>();
        final ArrayDeque<Long> window = new ArrayDeque<>();
        int slot = 0;
        long next = 1L << 62; // the core's derived ids grow; mixed with small participant ids from the steps
        for (final long step : steps)
        {
            final long id = step % 3 == 0 ? next++ : step;
            assertEquals((int)reference.getOrDefault(id, TransferIndex.MISSING), index.get(id), "get " + id);
            if (reference.containsKey(id))
            {
                continue;
            }
            if (window.size() == capacity)
            {
                final long oldest = window.removeFirst();
                reference.remove(oldest);
                index.removeOldest(oldest);
            }
            window.addLast(id);
            reference.put(id, slot);
            index.put(id, slot++);
            for (final long held : window)
            {
                assertEquals((int)reference.get(held), index.get(held), "held " + held);
            }
        }
    }
}
