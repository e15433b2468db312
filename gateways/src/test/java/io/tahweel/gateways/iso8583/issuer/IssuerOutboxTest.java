package io.tahweel.gateways.iso8583.issuer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output thread's hand-over to a link's event loop: every record once, in order, and no card data left behind. */
class IssuerOutboxTest
{
    private static final byte[] PAN = "4567123400000019".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theOutboxKeepsNoCardDataOnceDrained()
    {
        final IssuerOutbox outbox = new IssuerOutbox(8192);
        final byte[] staged = outbox.staging();
        System.arraycopy(PAN, 0, staged, IssuerOutbox.MESSAGE_OFFSET, PAN.length);
        assertTrue(outbox.offer(IssuerOutbox.FORWARD, 7, 0, PAN.length));
        assertTrue(allZero(staged), "staging wiped once offered");
        final long[] seen = new long[1];
        outbox.drain((type, authorizationId, kind, message, length) -> seen[0] = authorizationId);
        assertEquals(7, seen[0]);
        final byte[] ring = outbox.ringCopy();
        for (int i = 0; i + PAN.length <= ring.length; i++)
        {
            assertFalse(Arrays.equals(ring, i, i + PAN.length, PAN, 0, PAN.length), "PAN left in the ring");
        }
    }

    @Test
    void oneDrainTakesEverythingOfferedAcrossTheWrapOfTheRing()
    {
        final IssuerOutbox outbox = new IssuerOutbox(8192);
        final long[] last = new long[1];
        for (long id = 1; id <= 10_000; id++)
        {
            final int length = 1 + (int)(id * 37 % IssuerMessageWriter.MAX_MESSAGE_LENGTH);
            assertTrue(outbox.offer(IssuerOutbox.FORWARD, id, 0, length), "offered " + id);
            if (id % 3 == 0)
            {
                continue; // sometimes two or three wait for one drain
            }
            final long from = last[0];
            final int drained = outbox.drain((type, authorizationId, kind, message, messageLength) ->
            {
                assertEquals(last[0] + 1, authorizationId, "in order");
                last[0] = authorizationId;
            });
            assertEquals(id - from, drained, "everything offered, at " + id);
            assertEquals(0, outbox.size());
        }
    }

    @Test
    void aFullOutboxRefuses()
    {
        final IssuerOutbox outbox = new IssuerOutbox(8192);
        int offered = 0;
        while (outbox.offer(IssuerOutbox.ADVICE, offered + 1, 2, IssuerMessageWriter.MAX_MESSAGE_LENGTH))
        {
            offered++;
        }
        assertTrue(offered > 0 && offered <= 8192 / IssuerMessageWriter.MAX_MESSAGE_LENGTH, "offered " + offered);
        assertEquals(offered, outbox.drain((type, authorizationId, kind, message, length) -> { }));
    }

    @Test
    void theOutboxHoldsEveryRequestALinkMayHaveInFlight()
    {
        assertEquals(1024 * 1024, IssuerLimits.outboxBytes(IssuerLimits.DEFAULT_IN_FLIGHT_PER_LINK));
        assertEquals(IssuerLimits.MIN_OUTBOX_BYTES, IssuerLimits.outboxBytes(1));
        assertEquals(IssuerLimits.MAX_OUTBOX_BYTES, IssuerLimits.outboxBytes(IssuerLimits.MAX_IN_FLIGHT_PER_LINK));
        assertEquals(512 * 1024, IssuerLimits.outboxBytes(1500), "a power of two, rounded up");
    }

    private static boolean allZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }
}
