package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory copy of 52, 35 and the POS fields, and its single hand-over through the in-flight table. */
class ForwardedFieldsTest
{
    private static final byte[] PIN = { 1, 2, 3, 4, 5, 6, 7, 8 };
    private static final String TRACK_2 = "4000001234567899=2812101123";

    @Test
    void capturesCopiesAndWipesTheRequestsPinBlock() throws Exception
    {
        final byte[] frame = MessageDecoderTest.pack(request());
        final Iso8583Fields request = decode(frame);
        final ForwardedFields fields = new ForwardedFields();
        assertTrue(fields.capture(request));
        assertTrue(fields.hasPinBlock());
        assertTrue(fields.hasTrack2());
        assertArrayEquals(new byte[8], request.bytes(52), "the request's PIN block is zero-filled in the frame");
        assertEquals(-1, indexOf(frame, PIN), "nowhere else in the frame either");

        final byte[] value = new byte[64];
        assertArrayEquals(PIN, Arrays.copyOf(value, fields.copy(52, value)));
        assertEquals(TRACK_2, new String(value, 0, fields.copy(35, value), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("051", new String(value, 0, fields.copy(22, value), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("00", new String(value, 0, fields.copy(25, value), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("101530", new String(value, 0, fields.copy(12, value), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("0612", new String(value, 0, fields.copy(13, value), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("SHOP                                    ",
            new String(value, 0, fields.copy(43, value), java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(fields.toString().contains("4000"), "no value in toString");

        fields.wipe();
        assertFalse(fields.hasPinBlock());
        assertFalse(fields.hasTrack2());
        assertEquals(-1, fields.copy(52, value), "nothing kept after the wipe");
        fields.wipe(); // idempotent
    }

    @Test
    void nothingToKeepIsNothingKept() throws Exception
    {
        final ISOMsg request = new ISOMsg("0100");
        request.set(11, "000001");
        final Iso8583Fields fields = decode(MessageDecoderTest.pack(request));
        assertFalse(new ForwardedFields().capture(fields));
        final InFlightTable table = new InFlightTable(1);
        final long id = table.put();
        assertFalse(table.keepForwarded(id, fields));
        assertNull(table.takeForwarded(id));
    }

    @Test
    void handedOverOnceThenWipedOnAnswerIfNotTaken() throws Exception
    {
        final InFlightTable table = new InFlightTable(4);
        final long first = table.put();
        assertTrue(table.keepForwarded(first, decode(MessageDecoderTest.pack(request()))));
        final ForwardedFields taken = table.peekForwarded(first);
        assertSame(taken, table.takeForwarded(first));
        assertNull(table.takeForwarded(first), "only once");
        assertNotNull(table.remove(first));
        assertTrue(taken.hasPinBlock(), "the taker owns it now: the table does not wipe it");

        final long second = table.put();
        assertEquals(first & 0xFFFF, second & 0xFFFF, "the same slot again");
        assertTrue(table.keepForwarded(second, decode(MessageDecoderTest.pack(request()))));
        final ForwardedFields kept = table.peekForwarded(second);
        assertNotSame(taken, kept, "a taken copy is never reused for a later request");
        assertTrue(taken.hasPinBlock());
        assertNull(table.takeForwarded(first), "stale correlation id");
        assertNull(table.takeForwarded(second + (1 << 16)), "stale or foreign correlation id");
        assertNull(table.takeForwarded(0));
        assertNotNull(table.remove(second));
        assertFalse(kept.hasPinBlock(), "answered or released without a forward: wiped");
        assertFalse(kept.hasTrack2());
        assertNull(table.takeForwarded(second));

        final long third = table.put();
        assertTrue(table.keepForwarded(third, decode(MessageDecoderTest.pack(request()))));
        final ForwardedFields closed = table.peekForwarded(third);
        assertSame(kept, closed, "a copy not taken is reused: nothing allocated per request");
        assertEquals(1, table.size());
        table.clear();
        assertEquals(0, table.size());
        assertFalse(closed.hasPinBlock(), "connection closed: wiped");
        assertNull(table.takeForwarded(third));
    }

    private static Iso8583Fields decode(final byte[] frame)
    {
        final DecodedFrame out = new DecodedFrame();
        new MessageDecoder(Iso8583Packagers.packager(FieldEncoding.BINARY), false).decode(frame, frame.length, out);
        assertTrue(out.read);
        return out.fields;
    }

    private static int indexOf(final byte[] bytes, final byte[] pattern)
    {
        for (int i = 0; i + pattern.length <= bytes.length; i++)
        {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length))
            {
                return i;
            }
        }
        return -1;
    }

    private static ISOMsg request() throws Exception
    {
        final ISOMsg msg = new ISOMsg("0100");
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
