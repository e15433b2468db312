package io.tahweel.engine.settlement;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettlementPositionsTest
{
    private static final int USD = 840;
    private static final int EUR = 978;

    @Test
    void roomCountsOnlyThePositionsThatWouldBeCreated()
    {
        final SettlementPositions positions = new SettlementPositions(3);
        assertTrue(positions.hasRoomFor(1, 2, USD));
        positions.purchase(1, 2, USD, 100, 0, 0, 0);
        assertEquals(2, positions.size());

        assertTrue(positions.hasRoomFor(1, 2, USD), "both exist");
        assertTrue(positions.hasRoomFor(1, 3, USD), "one to create, one slot left");
        assertFalse(positions.hasRoomFor(3, 4, USD), "two to create, one slot left");
        assertFalse(positions.hasRoomFor(1, 2, EUR), "a new currency is a new position for each side");
        assertTrue(positions.hasRoomFor(3, 3, USD), "the same participant on both sides needs one");

        positions.purchase(1, 3, USD, 50, 0, 0, 0);
        assertEquals(3, positions.size());
        assertTrue(positions.hasRoomFor(2, 3, USD), "full, but every position exists");
        assertFalse(positions.hasRoomFor(2, 4, USD));
    }
}
