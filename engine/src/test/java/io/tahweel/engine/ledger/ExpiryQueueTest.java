package io.tahweel.engine.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpiryQueueTest
{
    @Test
    void refusesEntryWhenFull()
    {
        final ExpiryQueue queue = new ExpiryQueue(2);
        assertTrue(queue.offer(5, 1, 0));
        assertTrue(queue.offer(4, 2, 0));
        assertTrue(queue.isFull());
        assertFalse(queue.offer(3, 3, 0));
        assertEquals(4, queue.peekExpiresAt());
        assertEquals(2, queue.peekTransferId());
    }

    @Test
    void retainLiveDropsStaleEntriesAndKeepsOrder()
    {
        final ExpiryQueue queue = new ExpiryQueue(8);
        for (long id = 1; id <= 8; id++)
        {
            queue.offer(100 - id, id, id);
        }
        assertEquals(4, queue.retainLive((expiresAt, id, token) -> token % 2 == 0));
        assertEquals(4, queue.size());
        final long[] ids = new long[4];
        for (int i = 0; i < 4; i++)
        {
            ids[i] = queue.peekTransferId();
            queue.poll();
        }
        assertEquals(List.of(8L, 6L, 4L, 2L), List.of(ids[0], ids[1], ids[2], ids[3]));
    }

    @Property(tries = 200)
    void pollsInExpiryThenIdOrder(
        @ForAll @Size(max = 64) final List<@LongRange(min = 0, max = 20) Long> expiries)
    {
        final ExpiryQueue queue = new ExpiryQueue(64);
        final List<long[]> expected = new ArrayList<>();
        for (int i = 0; i < expiries.size(); i++)
        {
            final long id = (i * 7919L) % 101;
            queue.offer(expiries.get(i), id, i);
            expected.add(new long[]{expiries.get(i), id});
        }
        expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        for (final long[] entry : expected)
        {
            assertEquals(entry[0], queue.peekExpiresAt());
            assertEquals(entry[1], queue.peekTransferId());
            queue.poll();
        }
        assertTrue(queue.isEmpty());
    }
}
