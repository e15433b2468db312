package io.tahweel.gateways.iso8583.issuer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedLongSetTest
{
    @Test
    void atTheLimitTheOldestIsForgottenFirst()
    {
        final BoundedLongSet set = new BoundedLongSet(IssuerLimits.DEFAULT_IN_FLIGHT_PER_LINK);
        for (long k = 1; k <= IssuerLimits.DEFAULT_IN_FLIGHT_PER_LINK; k++)
        {
            assertTrue(set.add(k));
        }
        assertEquals(IssuerLimits.DEFAULT_IN_FLIGHT_PER_LINK, set.size());
        assertFalse(set.add(5), "already there");
        assertTrue(set.add(IssuerLimits.DEFAULT_IN_FLIGHT_PER_LINK + 1));
        assertEquals(IssuerLimits.DEFAULT_IN_FLIGHT_PER_LINK, set.size(), "never more than the capacity");
        assertFalse(set.contains(1), "the oldest went");
        assertTrue(set.contains(2));
        assertEquals(1, set.evicted());
    }

    @Test
    void removedKeysLeaveStaleSlotsThatDoNotEvictNewerOnes()
    {
        final BoundedLongSet set = new BoundedLongSet(3);
        set.add(1);
        set.add(2);
        set.add(3);
        assertTrue(set.remove(1));
        assertFalse(set.remove(1));
        set.add(4); // takes 1's stale slot
        assertTrue(set.contains(2) && set.contains(3) && set.contains(4));
        set.add(1); // re-added: evicts 2, the oldest live
        assertFalse(set.contains(2));
        assertTrue(set.contains(1) && set.contains(3) && set.contains(4));
        assertEquals(3, set.size());
    }
}
