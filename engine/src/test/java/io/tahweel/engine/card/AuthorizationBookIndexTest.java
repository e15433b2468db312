package io.tahweel.engine.card;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The book's key index against a model: whatever the capacity, the laps the ring has gone round
 * and keys evicted and then added again, a key is found exactly while its record is among the
 * last {@code capacity} added, and at the slot that record is in; a restored book goes on the same.
 */
class AuthorizationBookIndexTest
{
    @Property(tries = 200)
    void aKeyIsFoundExactlyWhileItsRecordIsInTheRing(
        @ForAll @IntRange(min = 1, max = 70) final int capacity,
        @ForAll @IntRange(min = 1, max = 400) final int keySpace,
        @ForAll final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final AuthorizationBook book = new AuthorizationBook(capacity);
        final Model model = new Model(capacity);
        final int adds = capacity * 40 + random.nextInt(capacity * 5 + 1);
        final MessageKey key = new MessageKey();
        for (int n = 0; n < adds; n++)
        {
            final int k = random.nextInt(keySpace);
            key(key, k);
            final Integer expected = model.slotOf(k);
            assertEquals(expected == null ? AuthorizationBook.NOT_FOUND : expected, book.find(key),
                "find(" + k + ") after " + n + " adds, capacity " + capacity + ", seed " + seed);
            if (expected == null)
            {
                final int slot = book.add(key, AuthorizationBook.KIND_COMPLETE, 0, n + 1, 100, 0);
                assertEquals(model.add(k), slot);
            }
            final int probe = random.nextInt(keySpace);
            final Integer probeSlot = model.slotOf(probe);
            assertEquals(probeSlot == null ? AuthorizationBook.NOT_FOUND : probeSlot, book.find(key(key, probe)));
        }
        for (int k = 0; k < keySpace; k++)
        {
            final Integer slot = model.slotOf(k);
            assertEquals(slot == null ? AuthorizationBook.NOT_FOUND : slot, book.find(key(key, k)));
        }
    }

    @Test
    void aRestoredBookFindsTheSameKeysAndGoesOnEvictingInOrder()
    {
        final int capacity = 100;
        final AuthorizationBook book = new AuthorizationBook(capacity);
        final MessageKey key = new MessageKey();
        for (int n = 0; n < 3_456; n++)
        {
            book.add(key(key, n), AuthorizationBook.KIND_COMPLETE, 0, n + 1, 100, 0);
        }
        final SnapshotWriter writer = new SnapshotWriter(1 << 16);
        book.writeSnapshot(writer);
        final AuthorizationBook restored = new AuthorizationBook(capacity);
        restored.readSnapshot(new SnapshotReader(writer.buffer(), 0, writer.position()));
        for (int n = 3_456 - capacity; n < 3_456; n++)
        {
            assertEquals(book.find(key(key, n)), restored.find(key));
        }
        for (int n = 3_456; n < 3_456 + capacity * 20; n++)
        {
            assertEquals(book.add(key(key, n), AuthorizationBook.KIND_COMPLETE, 0, n + 1, 100, 0),
                restored.add(key, AuthorizationBook.KIND_COMPLETE, 0, n + 1, 100, 0));
            assertEquals(AuthorizationBook.NOT_FOUND, restored.find(key(key, n - capacity)));
            assertEquals(book.find(key(key, n - capacity + 1)), restored.find(key));
        }
    }

    private static MessageKey key(final MessageKey key, final int k)
    {
        return key.set(1 + k % 3, k, 1_203_101_500L + k % 7, 0x3030_3030_3030_3030L + k, k * 31);
    }

    /** Which key is in which slot: the ring of the last {@code capacity} adds. */
    private static final class Model
    {
        private final int capacity;
        private final ArrayDeque<Integer> ring = new ArrayDeque<>();
        private final Map<Integer, Integer> slots = new HashMap<>();
        private long added;

        Model(final int capacity)
        {
            this.capacity = capacity;
        }

        Integer slotOf(final int key)
        {
            return slots.get(key);
        }

        int add(final int key)
        {
            if (ring.size() == capacity)
            {
                slots.remove(ring.removeFirst());
            }
            final int slot = (int)(added++ % capacity);
            ring.addLast(key);
            slots.put(key, slot);
            return slot;
        }
    }
}
