package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory copy of 52, 35 and the POS fields, and its single hand-over through the in-flight table. */
class ForwardedFieldsTest
{
    private static final byte[] PIN = { 1, 2, 3, 4, 5, 6, 7, 8 };
    private static final String TRACK_2 = "4000001234567899D2812101123";

    @Test
    void capturesCopiesAndWipesTheRequestsPinBlock()
    {
        final ISOMsg request = request();
        final byte[] original = request.getBytes(52);
        final ForwardedFields fields = ForwardedFields.capture(request);
        assertNotNull(fields);
        assertTrue(fields.hasPinBlock());
        assertTrue(fields.hasTrack2());
        assertArrayEquals(new byte[8], original, "the unpacked request's PIN block array is zero-filled");

        final ISOMsg forwarded = new ISOMsg();
        fields.addTo(forwarded);
        assertArrayEquals(PIN, forwarded.getBytes(52));
        assertEquals(TRACK_2, new String(forwarded.getBytes(35), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("051", forwarded.getString(22));
        assertEquals("00", forwarded.getString(25));
        assertEquals("101530", forwarded.getString(12));
        assertEquals("0612", forwarded.getString(13));
        assertEquals("SHOP", forwarded.getString(43));
        assertFalse(fields.toString().contains("4000"), "no value in toString");

        fields.wipe();
        assertFalse(fields.hasPinBlock());
        assertFalse(fields.hasTrack2());
        assertArrayEquals(new byte[8], forwarded.getBytes(52), "wiping clears the forwarded message's field 52 too");
        fields.wipe(); // idempotent
    }

    @Test
    void nothingToKeepIsNull()
    {
        final ISOMsg request = new ISOMsg();
        request.set(11, "000001");
        assertNull(ForwardedFields.capture(request));
    }

    @Test
    void handedOverOnceThenWipedOnAnswerIfNotTaken()
    {
        final InFlightTable table = new InFlightTable(4);
        final ForwardedFields taken = ForwardedFields.capture(request());
        final long first = table.put(new ISOMsg(), taken);
        assertSame(taken, table.takeForwarded(first));
        assertNull(table.takeForwarded(first), "only once");
        assertNotNull(table.remove(first));
        assertTrue(taken.hasPinBlock(), "the taker owns it now: the table does not wipe it");

        final ForwardedFields kept = ForwardedFields.capture(request());
        final long second = table.put(new ISOMsg(), kept);
        assertNull(table.takeForwarded(second + (1 << 16)), "stale or foreign correlation id");
        assertNull(table.takeForwarded(0));
        assertNotNull(table.remove(second));
        assertFalse(kept.hasPinBlock(), "answered or released without a forward: wiped");
        assertFalse(kept.hasTrack2());
        assertNull(table.takeForwarded(second));

        final ForwardedFields closed = ForwardedFields.capture(request());
        table.put(new ISOMsg(), closed);
        assertEquals(1, table.size());
        table.clear();
        assertEquals(0, table.size());
        assertFalse(closed.hasPinBlock(), "connection closed: wiped");
    }

    private static ISOMsg request()
    {
        final ISOMsg msg = new ISOMsg();
        msg.set(12, "101530");
        msg.set(13, "0612");
        msg.set(22, "051");
        msg.set(25, "00");
        msg.set(35, TRACK_2);
        msg.set(43, "SHOP");
        msg.set(52, PIN.clone());
        return msg;
    }
}
