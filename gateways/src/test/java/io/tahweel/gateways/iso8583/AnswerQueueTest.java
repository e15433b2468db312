package io.tahweel.gateways.iso8583;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over of answers from the output thread to the event loop: bounded, in order, one drain scheduled at a time. */
class AnswerQueueTest
{
    private final List<String> answered = new ArrayList<>();
    private final List<String> codes = new ArrayList<>();
    private final AnswerQueue queue = new AnswerQueue((correlationId, code, authorizationId, approvalCode) ->
    {
        answered.add(correlationId + "/" + code + "/" + authorizationId + "/" + approvalCode);
        codes.add(code);
    });

    @Test
    void answersArriveInOrderWithOneDrainScheduledAtATime()
    {
        assertTrue(queue.offer(1, ResponseCodes.APPROVED, 42, null));
        assertTrue(queue.claimDrain(), "the first answer schedules a drain");
        assertTrue(queue.offer(2, "51", 0, null));
        assertFalse(queue.claimDrain(), "one is pending already");
        assertTrue(queue.offer(3, ResponseCodes.APPROVED, 7, "A1B2"));
        assertEquals(3, queue.drain());
        assertEquals(List.of("1/00/42/null", "2/51/0/null", "3/00/7/A1B2"), answered);
        assertSame(ResponseCodes.APPROVED, codes.get(0), "codes come back as the table's own instances");
        assertSame(codes.get(1), ResponseCodes.intern((byte)'5', (byte)'1'), "and the same instance each time");
        assertTrue(queue.claimDrain(), "after a drain the next answer schedules another");
        assertEquals(0, queue.drain());
    }

    /**
     * Where the ring wraps, the producer leaves a padding record at the end of the buffer and writes the answer at
     * its start; a read pass then consumes only the padding (no answer). One drain must still deliver the answer:
     * it used to stop at that empty pass, stranding the last answers of a burst (seen as requests journaled and
     * decided but never answered, in the HA demo after a promotion).
     */
    @Test
    void oneDrainDeliversAnAnswerQueuedAcrossTheWrapOfTheRing()
    {
        for (int round = 0; round < 3 * AnswerQueue.CAPACITY; round++)
        {
            answered.clear();
            assertTrue(queue.offer(round, ResponseCodes.APPROVED, round, null));
            assertEquals(1, queue.drain(), "round " + round + ": the answer is delivered by the drain after it");
            assertEquals(List.of(round + "/00/" + round + "/null"), answered);
        }
    }

    @Test
    void fullAtItsCapacityThenRefusesSoTheCallerHandsOverAnotherWay()
    {
        int taken = 0;
        while (queue.offer(taken + 1, "00", 0, null))
        {
            taken++;
        }
        assertTrue(taken >= AnswerQueue.CAPACITY, "taken " + taken);
        assertFalse(queue.offer(0, "000", 0, null), "a code that is not two characters is refused");
        assertEquals(taken, queue.drain());
        assertTrue(queue.offer(1, "00", 0, null), "room again");
    }
}
