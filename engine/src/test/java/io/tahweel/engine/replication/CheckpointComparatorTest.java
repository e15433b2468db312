package io.tahweel.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CheckpointComparatorTest
{
    private final CheckpointComparator comparator = new CheckpointComparator();

    @Test
    void matchesWhicheverSideArrivesFirst()
    {
        comparator.onPrimary(100, "aa");
        comparator.onLocal(100, "aa");
        comparator.onLocal(200, "bb");
        comparator.onPrimary(200, "bb");
        assertEquals(2, comparator.matched());
        assertEquals(0, comparator.uncomparable());
    }

    @Test
    void aMismatchNamesTheSequenceAndBothHashes()
    {
        comparator.onLocal(300, "standby");
        final StateDivergedException ex = assertThrows(StateDivergedException.class, () -> comparator.onPrimary(300, "primary"));
        assertEquals(300, ex.sequence());
        assertEquals("standby state diverged from the primary at sequence 300: primary primary, standby standby",
            ex.getMessage());
        comparator.onPrimary(400, "p4");
        assertThrows(StateDivergedException.class, () -> comparator.onLocal(400, "s4"));
    }

    @Test
    void checkpointsThatCannotBeComparedAreCountedNotGuessed()
    {
        for (long s = 1; s <= CheckpointComparator.HISTORY + 1; s++)
        {
            comparator.onLocal(s * 10, "h" + s);
        }
        comparator.onPrimary(10, "evicted");
        comparator.onPrimary(15, "never hashed locally");
        comparator.onPrimary(1_005, "skipped");
        comparator.onLocal(1_010, "later");
        assertEquals(3, comparator.uncomparable());
        for (int i = 0; i < CheckpointComparator.PENDING; i++)
        {
            comparator.onPrimary(10_000 + i, "p");
        }
        comparator.onPrimary(20_000, "overflow");
        assertEquals(4, comparator.uncomparable());
    }
}
